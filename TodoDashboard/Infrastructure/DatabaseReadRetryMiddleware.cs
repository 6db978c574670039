using Npgsql;

namespace TodoDashboard.Infrastructure;

/// <summary>
/// A read of the API (GET or HEAD, which change nothing) that failed because the database was out of reach is tried
/// once more, after the pool's idle connections are dropped: a connection the server terminated (a restart,
/// <c>pg_terminate_backend</c>) is only found broken when used, so without this every idle one would fail a request
/// first. Writes are not repeated here (a repeat could do them twice); they answer 503 through
/// <see cref="DatabaseFaultHandler"/>, which drops the idle connections too.
/// </summary>
internal sealed class DatabaseReadRetryMiddleware(RequestDelegate next, NpgsqlDataSource dataSource)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            await next(context);
            return;
        }

        try
        {
            await next(context);
        }
        catch (Exception ex) when (DatabaseFaultHandler.Classify(ex) == DatabaseFault.Unavailable
            && !context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            dataSource.Clear();
            context.Response.Clear();
            await next(context);
        }
    }
}
