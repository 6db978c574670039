using Npgsql;
using NpgsqlTypes;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// The WHERE conditions of a customer search, numbered $1… in the order added: every filter of the query, on the
/// expressions the indexes are built on, and what they read (for the cache's tags).
/// </summary>
public sealed class CustomerFilterSql
{
    private readonly List<string> _conditions = [];
    private readonly List<NpgsqlParameter> _parameters = [];

    public CustomerFilterSql(CustomerQuery query) => AddFilters(query);

    public IReadOnlyList<string> Conditions => _conditions;

    /// <summary>The columns the filters and search read (for cache invalidation).</summary>
    public HashSet<string> Columns { get; } = [];

    /// <summary>The first whole-value filter, as (column, lower-cased value): a new row can only join this listing if it has that value.</summary>
    public (string Column, string Value)? EqualityFilter { get; private set; }

    /// <summary>The conditions' parameters, copied: each statement built on them adds its own after them.</summary>
    public List<NpgsqlParameter> CloneParameters() => _parameters.Select(p => p.Clone()).ToList();

    private string Parameter(object value, NpgsqlDbType? type = null)
    {
        var parameter = new NpgsqlParameter { Value = value };
        if (type is { } t)
        {
            parameter.NpgsqlDbType = t;
        }

        _parameters.Add(parameter);
        return $"${_parameters.Count}";
    }

    private void AddFilters(CustomerQuery q)
    {
        if (!string.IsNullOrWhiteSpace(q.Search))
        {
            AddSearch(q.Search.Trim());
        }

        // Whole-value text filters ignore case through the lower(...) COLLATE "C" expressions the indexes are built on.
        CaseInsensitive("first_name", q.FirstName);
        CaseInsensitive("last_name", q.LastName);
        CaseInsensitive("city", q.City);
        CaseInsensitive("country", q.Country);
        CaseInsensitive("street", q.Street);
        Exact("customer_id", q.CustomerId?.Trim());
        Exact("phone_number", q.PhoneNumber?.Replace(" ", "", StringComparison.Ordinal));
        Exact("city_code", q.CityCode?.Trim());
        Exact("street_number", q.StreetNumber?.Trim());
        Exact("gender", q.Gender is { } g ? GenderNames.ToName(g) : null);

        if (q.HasAddress is { } hasAddress)
        {
            _conditions.Add(hasAddress ? "city IS NOT NULL" : "city IS NULL");
            Columns.Add("city");
        }

        Range("points", q.MinPoints, ">=");
        Range("points", q.MaxPoints, "<=");
        Range("birthday", q.BirthdayAfter, ">=");
        Range("birthday", q.BirthdayBefore, "<=");
        Range("created", q.CreatedAfter, ">=");
        Range("created", q.CreatedBefore, "<=");
        Range("last_activity", q.ActiveFrom, ">=");
        Range("last_activity", q.ActiveBefore, "<=");
    }

    private const int IndexedPrefixLength = 3;

    private static readonly string[] SearchedColumns = ["first_name", "last_name", "customer_id", "city", "street", "country"];

    private void AddSearch(string search)
    {
        var digits = search.Replace(" ", "", StringComparison.Ordinal).TrimStart('+');
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            // Numbers are not words: match the phone (trigram index; it needs three digits), city code or street number.
            var p = Parameter(digits);
            var phone = digits.Length >= 3 ? $"phone_number LIKE '%' || {p} || '%' OR " : "";
            _conditions.Add($"({phone}city_code = {p} OR street_number = {p})");
            Columns.UnionWith(["phone_number", "city_code", "street_number"]);
            return;
        }

        var word = search.Trim();
        if (word.All(char.IsLetterOrDigit) && word.Any(char.IsDigit))
        {
            // One word with a digit in it may be a customer id being typed. Ids are not words in the vector (one per
            // customer made most of its index; see CustomersSearchIdsByBTree): their own B-tree finds the ids it starts,
            // case-insensitively (every string starting with the word sorts below the word and the largest code point).
            var w = Parameter(word);
            _conditions.Add($"""
                (search_vector @@ to_tsquery('simple', {w} || ':*')
                 OR (lower(customer_id) COLLATE "C" >= lower({w}) AND lower(customer_id) COLLATE "C" < lower({w}) || chr(1114111)))
                """);
            Columns.UnionWith(SearchedColumns);
            return;
        }

        // The prefix is letters and digits only (see CustomerSearchTerms), so to_tsquery reads it as one lexeme.
        // && with a query that has no lexemes (only punctuation, or stopwords) yields the other one.
        var (complete, prefix, alternative) = CustomerSearchTerms.Split(search);
        if (prefix is { Length: < IndexedPrefixLength } && !alternative && complete.Any(char.IsLetterOrDigit))
        {
            // One or two letters start a large share of the index's words: GIN merges every one of their lists into its
            // scan ("nicholas h": 60 ms on 3,000,000 customers), where checking the rows the finished words found costs 6 ms.
            // Wrapped in IS TRUE, the prefix is a filter on those rows rather than part of the index scan.
            _conditions.Add($"search_vector @@ websearch_to_tsquery('simple', {Parameter(complete)})");
            _conditions.Add($"(search_vector @@ to_tsquery('simple', {Parameter(prefix)} || ':*')) IS TRUE");
            Columns.UnionWith(SearchedColumns);
            return;
        }

        var query = prefix is null ? $"websearch_to_tsquery('simple', {Parameter(complete)})"
            : complete.Any(char.IsLetterOrDigit)
                ? $"(websearch_to_tsquery('simple', {Parameter(complete)}) {(alternative ? "||" : "&&")} to_tsquery('simple', {Parameter(prefix)} || ':*'))"
                : $"to_tsquery('simple', {Parameter(prefix)} || ':*')";
        _conditions.Add($"search_vector @@ {query}");
        Columns.UnionWith(SearchedColumns);
    }

    private void CaseInsensitive(string column, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        _conditions.Add($"lower({column}) COLLATE \"C\" = lower({Parameter(value.Trim())})");
        Track(column, value.Trim().ToLowerInvariant());
    }

    private void Exact(string column, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        _conditions.Add($"{column} = {Parameter(value)}");
        Track(column, value.ToLowerInvariant());
    }

    private void Track(string column, string value)
    {
        Columns.Add(column);
        EqualityFilter ??= (column, value);
    }

    private void Range<T>(string column, T? value, string op) where T : struct
    {
        if (value is { } v)
        {
            _conditions.Add($"{column} {op} {Parameter(v)}");
            Columns.Add(column);
        }
    }
}
