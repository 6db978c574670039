using TodoDashboard.Features.MultiDatabase;

namespace TodoDashboard.Tests.Features.MultiDatabase;

/// <summary>The seed's validation rules, its dataset and the generated rows, checked without a database.</summary>
[Trait("Category", "Unit")]
public class MultiDbRulesTests
{
    public static TheoryData<decimal?, string?> Prices { get; } = new()
    {
        { 0.01m, null },
        { 99_999_999.99m, null },
        { null, "Price is required." },
        { 0m, "Price must be greater than 0 (got 0)." },
        { -50m, "Price must be greater than 0 (got -50)." },
        { 100_000_000m, "Price must be below 100,000,000 with at most two decimals." },
        { 1.005m, "Price must be below 100,000,000 with at most two decimals." },
    };

    [Fact]
    public void The_seeds_dataset_passes_nine_users_nine_products_and_eight_orders_on_their_own_fields()
    {
        var dataset = MultiDbRules.DefaultDataset;

        Assert.Equal([10], Rejected(dataset.Users!, u => u.Row, MultiDbRules.Check));
        Assert.Equal([10], Rejected(dataset.Products!, p => p.Row, MultiDbRules.Check));
        Assert.Equal([8, 9], Rejected(dataset.Orders!, o => o.Row, MultiDbRules.Check));
    }

    [Theory]
    [InlineData("a@b.cd")]
    [InlineData("first.last+tag@sub.example.org")]
    public void A_plain_address_is_an_email(string email) => Assert.Empty(MultiDbRules.Check(new UserRow(1, "Ada", email)));

    [Theory]
    [InlineData(null, "Email is required.")]
    [InlineData("  ", "Email is required.")]
    [InlineData("ada", "Email 'ada' is not a valid address.")]
    [InlineData("ada@example", "Email 'ada@example' is not a valid address.")]
    [InlineData("ada@example.c", "Email 'ada@example.c' is not a valid address.")]
    [InlineData("ada lovelace@example.com", "Email 'ada lovelace@example.com' is not a valid address.")]
    public void An_email_that_is_missing_or_not_an_address_is_refused_saying_which(string? email, string message) =>
        Assert.Equal([message], MultiDbRules.Check(new UserRow(1, "Ada", email)));

    [Fact]
    public void Names_and_emails_are_measured_in_code_points_up_to_their_columns()
    {
        var domain = "@example.com";
        var longestEmail = new string('a', MultiDbRules.EmailMaxLength - domain.Length) + domain;

        Assert.Empty(MultiDbRules.Check(new UserRow(1, string.Concat(Enumerable.Repeat("😀", MultiDbRules.NameMaxLength)), longestEmail)));
        Assert.Equal(["Name must be at most 100 characters."], MultiDbRules.Check(new ProductRow(1, new string('x', 101), 1)));
        Assert.Equal(["Email must be at most 254 characters."], MultiDbRules.Check(new UserRow(1, "Ada", "a" + longestEmail)));
    }

    [Theory]
    [MemberData(nameof(Prices))]
    public void A_price_is_above_zero_below_a_hundred_million_and_in_cents(decimal? price, string? message) =>
        Assert.Equal(Messages(message), MultiDbRules.Check(new ProductRow(1, "Laptop", price)));

    [Theory]
    [InlineData(null, "Quantity is required.")]
    [InlineData(0, "Quantity must be greater than 0 (got 0).")]
    [InlineData(-1, "Quantity must be greater than 0 (got -1).")]
    [InlineData(1, null)]
    [InlineData(int.MaxValue, null)]
    public void A_quantity_is_at_least_one(int? quantity, string? message) =>
        Assert.Equal(Messages(message), MultiDbRules.Check(new OrderRow(1, 1, 1, null, null, quantity)));

    [Fact]
    public void Every_failing_rule_of_a_row_is_reported()
    {
        Assert.Equal(["Name is required.", "Price must be greater than 0 (got -1)."], MultiDbRules.Check(new ProductRow(1, " ", -1)));
        Assert.Equal(["Name is required.", "Email is required."], MultiDbRules.Check(new UserRow(1, null, null)));
    }

    [Fact]
    public void Rows_without_a_number_are_numbered_by_their_position_and_numbered_rows_keep_theirs()
    {
        Assert.Equal([1, 7, 3, 1], MultiDbRules.Number([null, 7, null, 1]));
        Assert.Empty(MultiDbRules.Number([]));
    }

    [Fact]
    public void A_generated_row_is_the_same_whichever_range_generates_it_and_every_one_passes_the_rules()
    {
        var whole = MultiDbRules.Generate(10);
        var middle = MultiDbRules.Generate(first: 4, count: 3);

        Assert.Equal(whole.Users!.Skip(3).Take(3), middle.Users);
        Assert.Equal(whole.Products!.Skip(3).Take(3), middle.Products);
        Assert.Equal(whole.Orders!.Skip(3).Take(3), middle.Orders);
        Assert.All(middle.Orders!, o => Assert.Equal((o.Row, o.Row), (o.UserRow, o.ProductRow)));
        Assert.All(whole.Users!, u => Assert.Empty(MultiDbRules.Check(u)));
        Assert.All(whole.Products!, p => Assert.Empty(MultiDbRules.Check(p)));
        Assert.All(whole.Orders!, o => Assert.Empty(MultiDbRules.Check(o)));
        Assert.Empty(whole.Validate(new(whole)));
    }

    [Fact]
    public void Generated_prices_and_quantities_cycle_within_their_ranges_far_into_a_large_batch()
    {
        var far = MultiDbRules.Generate(first: 1_000_000, count: 1001);

        Assert.All(far.Products!, p => Assert.InRange(p.Price!.Value, 1, 1000));
        Assert.All(far.Orders!, o => Assert.InRange(o.Quantity!.Value, 1, 5));
        Assert.Equal(1000, far.Products!.Select(p => p.Price).Distinct().Count());
    }

    private static string[] Messages(string? message) => message is null ? [] : [message];

    private static List<int?> Rejected<T>(IEnumerable<T> rows, Func<T, int?> row, Func<T, List<string>> check) =>
        rows.Where(r => check(r).Count > 0).Select(row).ToList();
}
