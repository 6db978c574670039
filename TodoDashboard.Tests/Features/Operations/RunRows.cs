using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.Runs;

namespace TodoDashboard.Tests.Features.Operations;

/// <summary>
/// Ended runs written straight into <c>runs</c> (the triggers version and announce them as for any other write), with
/// their attempts and log, for pages that must show runs of kinds and owners a test cannot easily start.
/// </summary>
public static class RunRows
{
    public static async Task<Guid> InsertEndedAsync(
        IServiceProvider services, string kind, string? ownerId, string ownerName, RunState state,
        long done = 10, long total = 10, string parameters = "{}", string data = "{}", string? error = null, DateTime? createdAt = null)
    {
        var id = Guid.CreateVersion7();
        var created = createdAt ?? DateTime.UtcNow.AddMinutes(-2);
        await using var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand("""
            WITH run AS (
                INSERT INTO runs (id, kind, owner_id, owner_name, state, done, total, cancel_requested, created_at,
                                  started_at, finished_at, error, parameters, data, attempt, elapsed_ms, version)
                VALUES ($1, $2, $3, $4, $5, $6, $7, false, $8, $8 + interval '1 second', $8 + interval '3 seconds', $9, $10::jsonb, $11::jsonb, 1, 2000, 0)
                RETURNING id),
            attempt AS (
                INSERT INTO run_attempts (run_id, number, node, started_at, finished_at, done_at_start, done_at_end, outcome)
                SELECT id, 1, 'test-node-1', $8 + interval '1 second', $8 + interval '3 seconds', 0, $6, $5 FROM run)
            INSERT INTO run_log (run_id, at, level, message)
            SELECT id, $8, 'Info', 'Queued by ' || $4 || '.' FROM run
            UNION ALL SELECT id, $8 + interval '3 seconds', $12, 'Ended ' || lower($5) || '.' FROM run;
            """);
        command.Parameters.Add(new() { Value = id });
        command.Parameters.Add(new() { Value = kind });
        command.Parameters.Add(new() { Value = (object?)ownerId ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = ownerName });
        command.Parameters.Add(new() { Value = state.ToString() });
        command.Parameters.Add(new() { Value = done });
        command.Parameters.Add(new() { Value = total });
        command.Parameters.Add(new() { Value = created });
        command.Parameters.Add(new() { Value = (object?)error ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new() { Value = parameters });
        command.Parameters.Add(new() { Value = data });
        command.Parameters.Add(new() { Value = state == RunState.Failed ? nameof(RunLogLevel.Error) : nameof(RunLogLevel.Info) });
        await command.ExecuteNonQueryAsync();
        return id;
    }

    /// <summary>A real account (a run's owner must be one), not signed in anywhere.</summary>
    public static async Task<string> CreateUserAsync(IServiceProvider services)
    {
        var email = ApiClientExtensions.NewEmail();
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        var user = new ApplicationUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user, ApiClientExtensions.Password)).Succeeded);
        return user.Id;
    }
}
