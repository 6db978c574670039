using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TodoDashboard.Data;

namespace TodoDashboard.Features.Todos;

/// <summary>
/// The stats' single mode: the four counts as one scan with FILTER, and the four newest-first lists, each an index
/// range scan of at most the cap, in one statement and so one round trip. Every row carries the counts; a user with
/// no todos gets one row of counts and no item.
/// </summary>
internal static class TodoStatsStatement
{
    private const string Columns = "id, title, description, is_completed, created_at, xmin";

    private const string Today = "created_at >= $2 AND created_at < $3";

    private static readonly string Sql = $"""
        WITH counts AS (
            SELECT count(*) FILTER (WHERE is_completed)::int AS completed,
                   count(*) FILTER (WHERE NOT is_completed)::int AS incomplete,
                   count(*) FILTER (WHERE is_completed AND {Today})::int AS completed_today,
                   count(*) FILTER (WHERE NOT is_completed AND {Today})::int AS incomplete_today
            FROM todos WHERE owner_id = $1),
        items AS (
            (SELECT 0 AS bucket, {Columns} FROM todos WHERE owner_id = $1 AND is_completed ORDER BY created_at DESC, id DESC LIMIT $4)
            UNION ALL
            (SELECT 1, {Columns} FROM todos WHERE owner_id = $1 AND NOT is_completed ORDER BY created_at DESC, id DESC LIMIT $4)
            UNION ALL
            (SELECT 2, {Columns} FROM todos WHERE owner_id = $1 AND is_completed AND {Today} ORDER BY created_at DESC, id DESC LIMIT $4)
            UNION ALL
            (SELECT 3, {Columns} FROM todos WHERE owner_id = $1 AND NOT is_completed AND {Today} ORDER BY created_at DESC, id DESC LIMIT $4))
        SELECT c.completed, c.incomplete, c.completed_today, c.incomplete_today, i.bucket, i.id, i.title, i.description,
               i.is_completed, i.created_at, i.xmin
        FROM counts c LEFT JOIN items i ON true
        ORDER BY i.bucket, i.created_at DESC, i.id DESC
        """;

    /// <summary>The completed, incomplete, completed-today and incomplete-today buckets, in that order.</summary>
    public static async Task<TodoBucket[]> ReadAsync(
        AppDbContext db, string ownerId, DateTime today, DateTime tomorrow, int cap, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(Sql, (NpgsqlConnection)db.Database.GetDbConnection())
        {
            Parameters =
            {
                new() { Value = ownerId },
                new() { Value = today },
                new() { Value = tomorrow },
                new() { Value = cap },
            },
        };

        var counts = new int[4];
        var lists = Enumerable.Range(0, 4).Select(_ => new List<TodoResponse>()).ToArray();
        await using DbDataReader reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            for (var i = 0; i < counts.Length; i++)
            {
                counts[i] = reader.GetInt32(i);
            }

            if (!await reader.IsDBNullAsync(4, ct))
            {
                lists[reader.GetInt32(4)].Add(new TodoResponse(
                    reader.GetInt64(5), reader.GetString(6), await reader.IsDBNullAsync(7, ct) ? null : reader.GetString(7),
                    reader.GetBoolean(8), reader.GetDateTime(9), reader.GetFieldValue<uint>(10)));
            }
        }

        return counts.Select((count, i) => new TodoBucket(count, lists[i])).ToArray();
    }
}
