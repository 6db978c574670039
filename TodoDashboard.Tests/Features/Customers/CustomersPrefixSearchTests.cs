using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;
using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>The last word of a search matches as a prefix, on the known dataset plus names that start or merely contain "mar".</summary>
public class CustomersPrefixSearchTests(CustomersPrefixSearchTests.Dataset data) : IClassFixture<CustomersPrefixSearchTests.Dataset>
{
    [Theory]
    [InlineData("mar")]
    [InlineData("MAR")]
    [InlineData("anthony mar")]
    [InlineData("smith mar")]
    [InlineData("marc")]
    [InlineData("ma")]
    [InlineData("anthony m")]
    [InlineData("smith ma")]
    public async Task The_last_word_matches_every_word_it_starts_and_the_others_match_whole(string search)
    {
        var customers = await data.InsertAsync();
        var client = await data.CreateUserClientAsync();
        var words = search.ToLowerInvariant().Split(' ');

        var (ids, _) = await client.WalkForwardAsync($"search={Uri.EscapeDataString(search)}&page_size=100");

        var expected = customers.Where(c => words[..^1].All(w => Words(c).Contains(w)) && Words(c).Any(w => w.StartsWith(words[^1], StringComparison.Ordinal)));
        Assert.Equal(CustomerDataset.Order(expected, CustomerSort.Created, false).Select(c => c.Id), ids);
    }

    [Fact]
    public async Task Mar_finds_maria_and_marco_but_not_omar_and_a_complete_first_word_narrows_it()
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();

        var mar = (await client.WalkForwardAsync("search=mar&page_size=100")).Ids.Select(data.FullName).ToList();
        var anthonyMar = (await client.WalkForwardAsync("search=anthony%20mar&page_size=100")).Ids.Select(data.FullName).ToList();

        Assert.Contains("maria Smith", mar);
        Assert.Contains("Marco Smith", mar);
        Assert.Contains("Omar Marsh", mar);
        Assert.DoesNotContain("Omar Smith", mar);
        Assert.Equal(["Anthony Marino"], anthonyMar);
    }

    [Fact]
    public async Task A_prefix_after_or_is_an_alternative_to_the_words_before_it()
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();

        var bella = (await client.WalkForwardAsync("search=bella&page_size=100")).Ids;
        var mar = (await client.WalkForwardAsync("search=mar&page_size=100")).Ids;
        var bellaOrMar = (await client.WalkForwardAsync("search=bella%20or%20mar&page_size=100")).Ids;

        Assert.NotEmpty(bella);
        Assert.Equal(bella.Concat(mar).Order(), bellaOrMar.Order());
    }

    /// <summary>Searches ending in "mar" with tsquery operators around it, and the same search without them.</summary>
    public static TheoryData<string, string> OperatorsBeforeThePrefix() => new()
    {
        { "!mar", "mar" },
        { "(mar", "mar" },
        { "'mar", "mar" },
        { "anthony & mar", "anthony mar" },
        { "anthony | mar", "anthony mar" },
        { "anthony:* mar", "anthony mar" },
        { "anthony ) !mar", "anthony mar" },
    };

    [Theory]
    [MemberData(nameof(OperatorsBeforeThePrefix))]
    [InlineData("mar:*", "\"mar\"")]
    [InlineData("mar&", "\"mar\"")]
    [InlineData("mar)", "\"mar\"")]
    [InlineData("mar'", "\"mar\"")]
    [InlineData("mar' | 'x", "\"mar\" x")]
    [InlineData("&|!():*'", "\"\"")]
    public async Task Tsquery_operators_in_a_search_are_read_as_text(string search, string sameAs)
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();

        var (ids, _) = await client.WalkForwardAsync($"search={Uri.EscapeDataString(search)}&page_size=100");
        var (expected, _) = await client.WalkForwardAsync($"search={Uri.EscapeDataString(sameAs)}&page_size=100");

        Assert.Equal(expected, ids);
    }

    [Theory]
    [MemberData(nameof(OperatorsBeforeThePrefix))]
    public void Operators_never_change_the_statement_and_the_prefix_parameter_holds_only_letters(string search, string plain)
    {
        var withOperators = new CustomerSearchSql(new CustomerQuery { Search = search }).Segments(null, false, 21)[0];
        var expected = new CustomerSearchSql(new CustomerQuery { Search = plain }).Segments(null, false, 21)[0];

        Assert.Equal(expected.Sql, withOperators.Sql);
        Assert.Equal("mar", withOperators.Parameters[^1].Value);
    }

    [Theory]
    [InlineData("mar", "", "mar", false)]
    [InlineData("anthony mar", "anthony", "mar", false)]
    [InlineData("o'brien", "o'", "brien", false)]
    [InlineData("heights -nicholas", "heights -nicholas", null, false)]
    [InlineData("\"oak street\"", "\"oak street\"", null, false)]
    [InlineData("\"oak str", "\"oak str", null, false)]
    [InlineData("\"oak street\" or zoe", "\"oak street\"", "zoe", true)]
    [InlineData("anthony OR mar", "anthony", "mar", true)]
    [InlineData("or mar", "", "mar", true)]
    [InlineData("zoe or", "zoe or", null, false)]
    [InlineData("mar:*", "mar:*", null, false)]
    public void A_search_splits_into_whole_words_and_the_prefix_being_typed(string search, string complete, string? prefix, bool alternative) =>
        Assert.Equal((complete, prefix, alternative), CustomerSearchTerms.Split(search));

    [Fact]
    public async Task A_cached_prefix_search_shows_a_customer_created_after_it()
    {
        await data.InsertAsync();
        var client = await data.CreateUserClientAsync();
        var before = await client.PageAsync("search=zel&page_size=100");

        // Zelda starts none of the other tests' searches, which may run before or after this one.
        var created = await client.PostAsJsonAsync("/api/customers", CustomerRequests.NewCustomer("T00099", firstName: "Zelda"));
        created.EnsureSuccessStatusCode();

        Assert.Empty(before.Results);
        Assert.Single((await client.PageAsync("search=zel&page_size=100")).Results);
    }

    private static string[] Words(Customer c) =>
        string.Join(' ', c.FirstName, c.LastName, c.CustomerId, c.Address?.City, c.Address?.Street, c.Address?.Country)
            .ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>The known dataset plus a Marco, two Omars (one whose last name starts with "mar") and an Anthony Marino.</summary>
    public sealed class Dataset : CustomerDataset
    {
        private static readonly (string First, string Last)[] Extra =
            [("Marco", "Smith"), ("Omar", "Smith"), ("Omar", "Marsh"), ("Anthony", "Marino")];

        private readonly SemaphoreSlim _inserting = new(1, 1);
        private List<Customer>? _all;

        public string FullName(long id)
        {
            var customer = _all!.Single(c => c.Id == id);
            return $"{customer.FirstName} {customer.LastName}";
        }

        public new async Task<IReadOnlyList<Customer>> InsertAsync()
        {
            await _inserting.WaitAsync();
            try
            {
                if (_all is null)
                {
                    var known = await base.InsertAsync();
                    var extra = Extra.Select((name, i) => Named(Make(61 + i), name)).ToList();
                    await using var scope = Services.CreateAsyncScope();
                    await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
                    db.Set<Customer>().AddRange(extra);
                    await db.SaveChangesAsync();
                    _all = [.. known, .. extra];
                }

                return _all;
            }
            finally
            {
                _inserting.Release();
            }
        }

        private static Customer Named(Customer c, (string First, string Last) name)
        {
            c.FirstName = name.First;
            c.LastName = name.Last;
            return c;
        }
    }
}
