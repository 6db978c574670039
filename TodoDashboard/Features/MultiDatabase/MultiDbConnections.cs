using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TodoDashboard.Features.MultiDatabase;

/// <summary>
/// The connections the three databases may hold, so that multi-database runs never take the connections the rest of
/// the app (sign-ins, the other panels) needs: the server's <c>max_connections</c>, read once, less
/// <see cref="MultiDbOptions.ConnectionReserve"/>, shared equally by the three pools, each at least
/// <see cref="MultiDbOptions.MinConnectionsPerDatabase"/>. Each pool's Max Pool Size is its share, and every query of
/// the panel first takes a permit of its database's limiter, of the same size: concurrent runs queue there, in
/// order, instead of timing out waiting for the pool. The budget is per process; instances sharing a server share
/// its reserve.
/// </summary>
public sealed partial class MultiDbConnections : IDisposable
{
    /// <summary>PostgreSQL's own default, assumed when the server cannot be asked.</summary>
    private const int DefaultMaxConnections = 100;

    private readonly IConfiguration _configuration;
    private readonly MultiDbOptions _options;
    private readonly ILogger<MultiDbConnections> _logger;
    private readonly Lazy<int> _perDatabase;
    private readonly Lazy<Dictionary<MultiDbTable, ConcurrencyLimiter>> _limiters;
    private readonly Lazy<Dictionary<MultiDbTable, NpgsqlDataSource>> _dataSources;

    public MultiDbConnections(IConfiguration configuration, IOptions<MultiDbOptions> options, ILogger<MultiDbConnections> logger)
    {
        _configuration = configuration;
        _options = options.Value;
        _logger = logger;
        _perDatabase = new(ReadShare);
        _limiters = new(() => Enum.GetValues<MultiDbTable>().ToDictionary(database => database, _ => new ConcurrencyLimiter(new()
        {
            PermitLimit = PerDatabase,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        })));
        _dataSources = new(() => Enum.GetValues<MultiDbTable>().ToDictionary(database => database, database => NpgsqlDataSource.Create(ConnectionString(database))));
    }

    /// <summary>
    /// The database's one pool: its contexts (MultiDbFeature) and the inserter's commands share it, so together they
    /// stay within <see cref="PerDatabase"/> connections.
    /// </summary>
    public NpgsqlDataSource DataSource(MultiDbTable database) => _dataSources.Value[database];

    /// <summary>
    /// Runs <paramref name="work"/> on a connection of the database, within its share (a permit first), and again on a
    /// fresh connection after a transient failure (a dropped connection, a restarting server: up to
    /// <see cref="TransientRetries"/> more times, as the contexts' execution strategy does), so the work must be safe to
    /// repeat.
    /// </summary>
    public async Task<T> ExecuteAsync<T>(MultiDbTable database, Func<NpgsqlConnection, CancellationToken, Task<T>> work, CancellationToken ct)
    {
        using var permit = await AcquireAsync(database, ct);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var connection = await DataSource(database).OpenConnectionAsync(ct);
                return await work(connection, ct);
            }
            catch (NpgsqlException ex) when (ex.IsTransient && attempt < TransientRetries && !ct.IsCancellationRequested)
            {
                await Task.Delay(RetryDelay * (attempt + 1), ct);
            }
        }
    }

    /// <summary>How often a transient failure is retried, here and by the contexts' execution strategy.</summary>
    public const int TransientRetries = 3;

    /// <summary>The first retry's delay; each later one waits as much more.</summary>
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMilliseconds(200);

    /// <summary>The connections each database's pool may open (its Max Pool Size), and its limiter's permits.</summary>
    public int PerDatabase => _perDatabase.Value;

    /// <summary>The connections the three pools may hold together.</summary>
    public int Total => PerDatabase * Enum.GetValues<MultiDbTable>().Length;

    /// <summary>
    /// The database's connection string with its pool capped at its share. A row is a handful of statements of a few
    /// fixed texts, each on a connection rented for it: they are prepared once per physical connection (Max Auto
    /// Prepare), and a returned connection is not reset (these pools hold no session state), which would cost a round
    /// trip per row.
    /// </summary>
    public string ConnectionString(MultiDbTable database)
    {
        var builder = new NpgsqlConnectionStringBuilder(MultiDbFeature.ConnectionString(_configuration, database.ToString()));
        builder.MaxPoolSize = Math.Min(builder.MaxPoolSize, PerDatabase);
        builder.MinPoolSize = Math.Min(builder.MinPoolSize, builder.MaxPoolSize);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 16;
            builder.AutoPrepareMinUsages = 2;
        }

        builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    /// <summary>Waits for one of the database's connections; dispose the lease when the query is done.</summary>
    public async ValueTask<IDisposable> AcquireAsync(MultiDbTable database, CancellationToken ct)
    {
        var lease = await _limiters.Value[database].AcquireAsync(1, ct);
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            throw new InvalidOperationException($"No connection to the {database.ToString().ToLowerInvariant()} database could be queued for.");
        }

        return lease;
    }

    public void Dispose()
    {
        if (_dataSources.IsValueCreated)
        {
            foreach (var dataSource in _dataSources.Value.Values)
            {
                dataSource.Dispose();
            }
        }

        if (_limiters.IsValueCreated)
        {
            foreach (var limiter in _limiters.Value.Values)
            {
                limiter.Dispose();
            }
        }
    }

    // Read on first use, which is the start-up migration: the three databases may not exist yet, so this asks the
    // maintenance database of the users database's server (the three share the app's server unless configured apart).
    private int ReadShare()
    {
        var server = new NpgsqlConnectionStringBuilder(MultiDbFeature.ConnectionString(_configuration, nameof(MultiDbTable.Users)))
        {
            Database = "postgres",
            Pooling = false,
        };
        var maxConnections = DefaultMaxConnections;
        try
        {
            using var connection = new NpgsqlConnection(server.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SHOW max_connections", connection);
            maxConnections = int.Parse((string)command.ExecuteScalar()!, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (NpgsqlException ex)
        {
            LogAssumed(_logger, DefaultMaxConnections, ex);
        }

        var databases = Enum.GetValues<MultiDbTable>().Length;
        var share = Math.Max(Math.Max(1, _options.MinConnectionsPerDatabase), (maxConnections - _options.ConnectionReserve) / databases);
        LogBudget(_logger, maxConnections, _options.ConnectionReserve, share);
        return share;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read max_connections; assuming {MaxConnections}.")]
    private static partial void LogAssumed(ILogger logger, int maxConnections, Exception exception);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Multi-database connections: max_connections {MaxConnections} less a reserve of {Reserve}: {PerDatabase} per database.")]
    private static partial void LogBudget(ILogger logger, int maxConnections, int reserve, int perDatabase);
}
