using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using TodoDashboard.Infrastructure;

namespace TodoDashboard.Tests.Infrastructure.Faults;

/// <summary>Which database failures are a 503 (try again), through the wrappers EF and Npgsql put around them.</summary>
[Trait("Category", "Unit")]
public class DatabaseFaultClassificationTests
{
    [Theory]
    [InlineData("57P01", DatabaseFault.Unavailable)] // terminating connection due to administrator command
    [InlineData("57P02", DatabaseFault.Unavailable)] // crash shutdown
    [InlineData("57P03", DatabaseFault.Unavailable)] // the database system is starting up
    [InlineData("08006", DatabaseFault.Unavailable)] // connection failure
    [InlineData("53300", DatabaseFault.Unavailable)] // too many connections
    [InlineData("40001", DatabaseFault.Unavailable)] // serialization failure
    [InlineData("40P01", DatabaseFault.Unavailable)] // deadlock
    [InlineData("57014", DatabaseFault.Timeout)] // canceling statement due to statement timeout
    [InlineData("23505", DatabaseFault.None)] // a unique violation is the request's problem
    [InlineData("22021", DatabaseFault.None)] // a NUL in text likewise
    public void A_server_error_is_classified_by_its_sqlstate(string state, DatabaseFault expected)
    {
        var error = new PostgresException("message", "ERROR", "ERROR", state);

        Assert.Equal(expected, DatabaseFaultHandler.Classify(error));
        Assert.Equal(expected, DatabaseFaultHandler.Classify(new DbUpdateException("saving failed", error)));
    }

    [Fact]
    public void A_socket_that_failed_is_unavailable_and_a_timeout_is_a_timeout()
    {
        var refused = new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused));
        var reset = new NpgsqlException("Exception while reading from stream", new IOException("reset"));

        Assert.Equal(DatabaseFault.Unavailable, DatabaseFaultHandler.Classify(refused));
        Assert.Equal(DatabaseFault.Unavailable, DatabaseFaultHandler.Classify(new InvalidOperationException("wrapped", reset)));
        Assert.Equal(DatabaseFault.Timeout, DatabaseFaultHandler.Classify(new NpgsqlException("Timeout", new TimeoutException())));
        Assert.Equal(DatabaseFault.None, DatabaseFaultHandler.Classify(new InvalidOperationException("a bug")));
    }
}
