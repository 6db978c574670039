using System.Text;
using Npgsql;

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

    private readonly CustomerFilterSql _filters;

    public CustomerSearchSql(CustomerQuery query)
    {
        Query = query;
        Key = CustomerSortKeys.For(query.SortBy);
        _filters = new CustomerFilterSql(query);
    }

    public CustomerQuery Query { get; }

    public CustomerSortKey Key { get; }

    /// <inheritdoc cref="CustomerFilterSql.Columns"/>
    public HashSet<string> FilterColumns => _filters.Columns;

    /// <inheritdoc cref="CustomerFilterSql.EqualityFilter"/>
    public (string Column, string Value)? EqualityFilter => _filters.EqualityFilter;

    public bool HasFilters => _filters.Conditions.Count > 0;

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
        ($"EXPLAIN (FORMAT JSON) SELECT 1 FROM customers{WhereClause([])}", _filters.CloneParameters());

    private Segment KeySegment(CustomerCursor? anchor, bool descending, int limit)
    {
        var conditions = new List<string>();
        var parameters = _filters.CloneParameters();
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
        var parameters = _filters.CloneParameters();
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
        var all = _filters.Conditions.Concat(extra).ToList();
        return all.Count == 0 ? "" : " WHERE " + string.Join(" AND ", all);
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
