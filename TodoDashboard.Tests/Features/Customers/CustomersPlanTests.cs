using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Features.Customers;

namespace TodoDashboard.Tests.Features.Customers;

/// <summary>
/// The statements the search runs can use the indexes built for them. The test table is small, so sequential
/// scans are switched off for the session: the plan shows which index the query shape can use (on three million
/// rows the planner picks them on its own; bench/README.md has those plans).
/// </summary>
public class CustomersPlanTests(CustomerDataset data) : IClassFixture<CustomerDataset>
{
    public static TheoryData<string> SortNames() => new(Enum.GetValues<CustomerSort>().Select(s => s.ToString()));

    [Theory]
    [MemberData(nameof(SortNames))]
    public async Task Every_sort_reads_its_own_index_in_order_and_a_cursor_is_an_index_condition(string sortName)
    {
        var customers = await data.InsertAsync();
        var sort = Enum.Parse<CustomerSort>(sortName);
        var sql = new CustomerSearchSql(new CustomerQuery { SortBy = sort, Descending = true });
        var index = $"ix_customers_{CustomerSortKeys.ApiName(sort)}";
        if (sort == CustomerSort.CustomerId)
        {
            index = "ux_customers_customer_id";
        }

        var anchor = customers.First(c => c.Address is not null && c.Relationship.LastActivity is not null);
        var key = await SortKeyAsync(sql, anchor.Id);
        var plan = await PlanAsync(sql.Segments(new CustomerCursor(sort, true, false, key, anchor.Id), false, 21)[0]);

        Assert.True(plan.Contains($"Index Scan Backward using {index}", StringComparison.Ordinal), plan);
        var condition = plan.Split('\n').Single(line => line.Contains("Index Cond:", StringComparison.Ordinal));
        Assert.Contains(sql.Key.Unique ? "customer_id" : "ROW(", condition, StringComparison.Ordinal);
        Assert.DoesNotContain("Filter", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Sort", plan.Replace("Sort Key", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_without_the_key_are_read_from_the_same_index_after_the_cursor()
    {
        var customers = await data.InsertAsync();
        var sql = new CustomerSearchSql(new CustomerQuery { SortBy = CustomerSort.City });
        var withoutAddress = customers.First(c => c.Address is null);

        var segment = sql.Segments(new CustomerCursor(CustomerSort.City, false, false, null, withoutAddress.Id), false, 21).Single();
        var plan = await PlanAsync(segment);

        Assert.True(segment.NullKeys);
        Assert.Contains("Index Scan using ix_customers_city", plan, StringComparison.Ordinal);
        Assert.Matches(@"Index Cond: \(\(\(lower\(\(city\)::text\)\)::text IS NULL\) AND \(id > ", plan);
    }

    [Theory]
    [InlineData("Nicholas Heights", "ix_customers_search")]
    [InlineData("mar", "ix_customers_search")]
    [InlineData("anthony mar", "ix_customers_search")]
    [InlineData("6600007", "ix_customers_phone_number")]
    [InlineData("t00017", "ix_customers_customer_id_search")]
    [InlineData("t00017", "ix_customers_search")]
    [InlineData("6600007", "ix_customers_city_code")]
    [InlineData("6600007", "ix_customers_street_number")]
    public async Task Search_uses_the_full_text_or_the_number_indexes(string search, string index)
    {
        await data.InsertAsync();
        var plan = await PlanAsync(new CustomerSearchSql(new CustomerQuery { Search = search }).Segments(null, false, 21)[0], bitmapOnly: true);

        Assert.Contains($"Bitmap Index Scan on {index}", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("to_tsvector", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("first_name", "ix_customers_first_name")]
    [InlineData("last_name", "ix_customers_last_name")]
    [InlineData("city", "ix_customers_city")]
    [InlineData("country", "ix_customers_country")]
    [InlineData("street", "ix_customers_street")]
    public async Task Whole_value_filters_use_their_lower_case_index(string filter, string index)
    {
        await data.InsertAsync();
        var query = filter switch
        {
            "first_name" => new CustomerQuery { FirstName = "ANTHONY", SortBy = CustomerSort.Points },
            "last_name" => new CustomerQuery { LastName = "Smith", SortBy = CustomerSort.Points },
            "city" => new CustomerQuery { City = "Vienna", SortBy = CustomerSort.Points },
            "country" => new CustomerQuery { Country = "Austria", SortBy = CustomerSort.Points },
            _ => new CustomerQuery { Street = "oak street", SortBy = CustomerSort.Points },
        };

        var plan = await PlanAsync(new CustomerSearchSql(query).Segments(null, false, 21)[0], bitmapOnly: true);

        Assert.Contains($"Index Scan on {index}", plan, StringComparison.Ordinal);
        Assert.Contains("Index Cond: ((lower(", plan, StringComparison.Ordinal);
    }

    private async Task<string?> SortKeyAsync(CustomerSearchSql sql, long id)
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT {sql.Key.Expression} FROM customers WHERE id = $1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = id });
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : sql.Key.FromDatabase(value);
    }

    private async Task<string> PlanAsync(CustomerSearchSql.Segment segment, bool bitmapOnly = false)
    {
        await using var connection = await OpenAsync();
        var settings = bitmapOnly ? "SET enable_seqscan = off; SET enable_indexscan = off;" : "SET enable_seqscan = off; SET enable_bitmapscan = off;";
        await using (var set = new NpgsqlCommand(settings, connection))
        {
            await set.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand($"EXPLAIN {segment.Sql}", connection);
        explain.Parameters.AddRange(segment.Parameters.Select(p => p.Clone()).ToArray());
        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }

    private async Task<NpgsqlConnection> OpenAsync() => await data.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
}
