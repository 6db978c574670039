using Npgsql;

namespace TodoDashboard.Infrastructure.Runs;

/// <summary>Where a new run's check happens: inside the transaction that inserts it, on its connection.</summary>
public sealed record RunPlanContext(RunOwner Owner, NpgsqlConnection Connection, NpgsqlTransaction Transaction);
