using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Mvc;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// Attempts at the sign-in endpoints and the account forms, limited twice, each limit per minute (Auth:LoginAttemptsPerMinute):
/// per client address, by the rate-limiting middleware from the endpoint's policy (<c>RequireRateLimiting</c> on the
/// /api/auth endpoints, <c>[EnableRateLimiting]</c> on the account pages, so the route matched, not the path string,
/// decides); and per account (the email asked for, or the token's user), by <see cref="AccountRateLimiter"/>, which the
/// endpoints and pages call once they have read the request. Either answers 429 with Retry-After.
/// Each policy counts apart, so registrations from an address do not use up its sign-ins.
/// </summary>
public static class AuthRateLimits
{
    public const string Login = "auth-login";
    public const string Register = "auth-register";
    public const string Refresh = "auth-refresh";

    /// <summary>Signing out and the account management forms.</summary>
    public const string Account = "auth-account";

    internal static IServiceCollection AddAuthRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var permits = configuration.GetValue("Auth:LoginAttemptsPerMinute", 10);
        services.AddSingleton(new AccountRateLimiter(permits));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, _) => WriteRejectionAsync(context.HttpContext, RetryAfter(context.Lease));
            foreach (var policy in new[] { Login, Register, Refresh, Account })
            {
                options.AddPolicy(policy, context => HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    // The pages' policy covers their form posts, not showing them.
                    ? RateLimitPartition.GetNoLimiter("")
                    : RateLimitPartition.GetFixedWindowLimiter(ClientAddress(context), _ => PerMinute(permits)));
            }
        });
        return services;
    }

    /// <summary>Limits the endpoint per account too: the key comes from its bound arguments (null skips the check, for a request validation refuses anyway).</summary>
    public static TBuilder RequireAccountRateLimit<TBuilder>(this TBuilder builder, string policy, Func<EndpointFilterInvocationContext, string?> account)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            account(context) is { } key
            && context.HttpContext.RequestServices.GetRequiredService<AccountRateLimiter>().TryAcquire(policy, key) is { } retryAfter
                ? TooManyAttempts(retryAfter)
                : await next(context));

    internal static FixedWindowRateLimiterOptions PerMinute(int permits) =>
        new() { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0, AutoReplenishment = true };

    // Behind a proxy this is the client's address once ForwardedHeaders is configured (see ForwardedHeadersSetup).
    private static string ClientAddress(HttpContext context) => context.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    internal static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1);

    internal static int Seconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>Sets the 429 status and Retry-After; the caller writes the body (a page renders its own message).</summary>
    public static void SetTooManyAttempts(HttpResponse response, TimeSpan retryAfter)
    {
        response.StatusCode = StatusCodes.Status429TooManyRequests;
        response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
    }

    public static string Message(TimeSpan retryAfter) => $"Too many attempts: try again in {Seconds(retryAfter)} seconds.";

    private static async ValueTask WriteRejectionAsync(HttpContext context, TimeSpan retryAfter)
    {
        SetTooManyAttempts(context.Response, retryAfter);
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            // A form post from a page: a line the browser shows as it is (and a body, so no status-code page replaces it).
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(Message(retryAfter), context.RequestAborted);
            return;
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = Problem(retryAfter),
        });
    }

    private static ProblemDetails Problem(TimeSpan retryAfter) => new()
    {
        Status = StatusCodes.Status429TooManyRequests,
        Title = "Too many attempts.",
        Detail = Message(retryAfter),
        Extensions = { ["retryAfterSeconds"] = Seconds(retryAfter) },
    };

    /// <summary>The answer an endpoint gives when <see cref="AccountRateLimiter.TryAcquire"/> refused.</summary>
    public static TooManyAttemptsHttpResult TooManyAttempts(TimeSpan retryAfter) => new(retryAfter);

    internal static ValueTask WriteTooManyAttemptsAsync(HttpContext context, TimeSpan retryAfter) => WriteRejectionAsync(context, retryAfter);
}
