using System.ComponentModel;

namespace TodoDashboard.Features.Customers;

/// <summary>A cached keyset page, as the search produced it.</summary>
[ImmutableObject(true)]
public sealed record CachedCustomerPage(IReadOnlyList<CustomerResponse> Results, string? Next, string? Previous, long EstimatedTotal, int QueryCount);
