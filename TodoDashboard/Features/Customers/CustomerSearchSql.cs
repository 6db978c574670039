using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace TodoDashboard.Features.Customers;

/// <summary>
/// Builds the keyset statements for a search. A listing in a sort is one or two segments read in turn: the rows
/// whose key is set, in (key, id) order, then — for keys that may be empty (city, country, last activity) — the rows
/// without it, in id order; empty keys come last in both directions. Each segment is one range scan of the
/// "(key, id)" index, so a page a million rows deep costs what the first one does.
/// </summary>
public sealed class CustomerSearchSql
{
    public const string Columns = """
        id, first_name, last_name, gender, customer_id, phone_number, birthday, created, last_updated,
        street, street_number, city_code, city, country, points, relationship_created, last_activity, xmin
        """;

    private readonly List<string> _where = [];
    private readonly List<NpgsqlParameter> _parameters = [];

    public CustomerSearchSql(CustomerQuery query)
    {
        Query = query;
        Key = CustomerSortKeys.For(query.SortBy);
        AddFilters(query);
    }

    public CustomerQuery Query { get; }

    public CustomerSortKey Key { get; }

    /// <summary>The columns the filters and search read (for cache invalidation).</summary>
    public HashSet<string> FilterColumns { get; } = [];

    /// <summary>The first whole-value filter, as (column, lower-cased value): a new row can only join this listing if it has that value.</summary>
    public (string Column, string Value)? EqualityFilter { get; private set; }

    public bool HasFilters => _where.Count > 0;

    /// <summary>One segment of a page: the commands to run, in order, until the page is full.</summary>
    public sealed record Segment(bool NullKeys, string Sql, IReadOnlyList<NpgsqlParameter> Parameters);

    /// <summary>
    /// The segments that list rows after (or, with <paramref name="backward"/>, before) <paramref name="anchor"/>
    /// in the listing's order, each limited to <paramref name="limit"/> rows. Backward segments read in reverse order.
    /// </summary>
    public IReadOnlyList<Segment> Segments(CustomerCursor? anchor, bool backward, int limit)
    {
        // Reading backward is reading forward in the opposite direction, with the segments in the opposite order.
        var descending = Query.Descending ^ backward;
        var segments = new List<Segment>();
        var anchorIsNull = anchor is { Value: null };
        if (!backward)
        {
            if (!anchorIsNull)
            {
                segments.Add(KeySegment(anchor, descending, limit));
            }

            if (Key.Nullable)
            {
                segments.Add(NullSegment(anchorIsNull ? anchor : null, descending, limit));
            }
        }
        else
        {
            if (Key.Nullable && anchorIsNull)
            {
                segments.Add(NullSegment(anchor, descending, limit));
            }

            segments.Add(KeySegment(anchorIsNull ? null : anchor, descending, limit));
        }

        return segments;
    }

    /// <summary>The planner's estimate of how many rows match (no COUNT(*)): EXPLAIN's row estimate.</summary>
    public (string Sql, IReadOnlyList<NpgsqlParameter> Parameters) EstimateCommand() =>
        ($"EXPLAIN (FORMAT JSON) SELECT 1 FROM customers{WhereClause([])}", Clone(_parameters));

    private Segment KeySegment(CustomerCursor? anchor, bool descending, int limit)
    {
        var conditions = new List<string>();
        var parameters = Clone(_parameters);
        if (Key.Nullable)
        {
            conditions.Add($"{Key.Expression} IS NOT NULL");
        }

        var comparison = descending ? "<" : ">";
        if (anchor is { Value: { } value })
        {
            parameters.Add(new NpgsqlParameter { Value = Key.ToParameter(value) });
            if (Key.Unique)
            {
                conditions.Add($"{Key.Expression} {comparison} ${parameters.Count}");
            }
            else
            {
                parameters.Add(new NpgsqlParameter { Value = anchor.Id });
                conditions.Add($"({Key.Expression}, id) {comparison} (${parameters.Count - 1}, ${parameters.Count})");
            }
        }

        var direction = descending ? " DESC" : "";
        var tieBreak = Key.Unique ? "" : $", id{direction}";
        var sql = $"SELECT {Columns}, {Key.Expression} AS sort_key FROM customers{WhereClause(conditions)} "
            + $"ORDER BY {Key.Expression}{direction}{tieBreak} LIMIT {limit}";
        return new Segment(false, sql, parameters);
    }

    private Segment NullSegment(CustomerCursor? anchor, bool descending, int limit)
    {
        var conditions = new List<string> { $"{Key.Expression} IS NULL" };
        var parameters = Clone(_parameters);
        if (anchor is not null)
        {
            parameters.Add(new NpgsqlParameter { Value = anchor.Id });
            conditions.Add($"id {(descending ? "<" : ">")} ${parameters.Count}");
        }

        var direction = descending ? " DESC" : "";
        var sql = $"SELECT {Columns}, NULL AS sort_key FROM customers{WhereClause(conditions)} "
            + $"ORDER BY {Key.Expression}{direction}, id{direction} LIMIT {limit}";
        return new Segment(true, sql, parameters);
    }

    private string WhereClause(List<string> extra)
    {
        var all = _where.Concat(extra).ToList();
        return all.Count == 0 ? "" : " WHERE " + string.Join(" AND ", all);
    }

    private static List<NpgsqlParameter> Clone(List<NpgsqlParameter> parameters) =>
        parameters.Select(p => p.Clone()).ToList();

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

        // Whole-value text filters ignore case through the lower(...) expressions the indexes are built on.
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
            _where.Add(hasAddress ? "city IS NOT NULL" : "city IS NULL");
            FilterColumns.Add("city");
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

    private void AddSearch(string search)
    {
        var digits = search.Replace(" ", "", StringComparison.Ordinal).TrimStart('+');
        if (digits.Length > 0 && digits.All(char.IsAsciiDigit))
        {
            // Numbers are not words: match the phone (trigram index; it needs three digits), city code or street number.
            var p = Parameter(digits);
            var phone = digits.Length >= 3 ? $"phone_number LIKE '%' || {p} || '%' OR " : "";
            _where.Add($"({phone}city_code = {p} OR street_number = {p})");
            FilterColumns.UnionWith(["phone_number", "city_code", "street_number"]);
            return;
        }

        _where.Add($"search_vector @@ websearch_to_tsquery('simple', {Parameter(search)})");
        FilterColumns.UnionWith(["first_name", "last_name", "customer_id", "city", "street", "country"]);
    }

    private void CaseInsensitive(string column, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        _where.Add($"lower({column}) = lower({Parameter(value.Trim())})");
        Track(column, value.Trim().ToLowerInvariant());
    }

    private void Exact(string column, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        _where.Add($"{column} = {Parameter(value)}");
        Track(column, value.ToLowerInvariant());
    }

    private void Track(string column, string value)
    {
        FilterColumns.Add(column);
        EqualityFilter ??= (column, value);
    }

    private void Range<T>(string column, T? value, string op) where T : struct
    {
        if (value is { } v)
        {
            _where.Add($"{column} {op} {Parameter(v)}");
            FilterColumns.Add(column);
        }
    }

    /// <summary>The statements of a first page, for logs.</summary>
    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var segment in Segments(null, false, Query.PageSize + 1))
        {
            text.AppendLine(segment.Sql);
        }

        return text.ToString();
    }
}
