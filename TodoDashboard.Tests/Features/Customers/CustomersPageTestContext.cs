using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Bunit;
using TodoDashboard.Features.Customers;
using TodoDashboard.Features.Customers.Components;
using TodoDashboard.Features.Customers.Generation;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>bUnit for the customers page on the known dataset, and how its tests read the page: ids, timing line, first page.</summary>
public abstract partial class CustomersPageTestContext : ComponentTestContext<CustomerDataset>
{
    protected CustomersPageTestContext(CustomerDataset data) : base(data)
    {
        UseAppService<CustomerSearch>();
        UseAppService<CustomerGenerationService>();
        UseAppService<PostgresNotificationHub>();
        UseAppService<TimeProvider>();
        UseAppService<CustomerService>();
    }

    internal static List<string> Expected(IEnumerable<Customer> rows, CustomerSort sort = CustomerSort.Created, bool descending = true) =>
        CustomerDataset.Order(rows, sort, descending).Take(20).Select(c => c.CustomerId).ToList();

    internal static List<string> CustomerIds(IRenderedComponent<CustomersPage> page) =>
        page.FindAll("td[data-testid=customer-id]").Select(td => td.TextContent.Trim()).ToList();

    protected IRenderedComponent<CustomersPage> RenderFirstPage()
    {
        var page = Render<CustomersPage>();
        page.WaitForAssertion(() => Assert.Equal(20, CustomerIds(page).Count), DatabaseTimeout);
        return page;
    }

    protected static IElement Search(IRenderedComponent<CustomersPage> page) => page.Find("input[data-testid=customer-search]");

    /// <summary>The input a MudBlazor label names.</summary>
    protected static IElement Field(IRenderedComponent<CustomersPage> page, string label) =>
        page.Find($"#{page.FindAll("label").Single(l => l.TextContent.Trim() == label).GetAttribute("for")}");

    protected static string Timing(IRenderedComponent<CustomersPage> page) =>
        Whitespace().Replace(page.Find("[data-testid=customers-timing]").TextContent, " ").Trim();

    /// <summary>"12.3 ms · 2 queries" or "0.4 ms · cached", before the matches.</summary>
    protected static string TimingLine() => @"\d[\d,]*\.\d ms · (\d+ quer(y|ies)|cached)";

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
