namespace TodoDashboard.Infrastructure.Auth;

/// <summary>429 with Retry-After and a problem, as the rate-limiting middleware answers.</summary>
public sealed class TooManyAttemptsHttpResult(TimeSpan retryAfter) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => AuthRateLimits.WriteTooManyAttemptsAsync(httpContext, retryAfter).AsTask();
}
