using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace TodoDashboard.Infrastructure;

/// <summary>
/// Errors as RFC 9457 ProblemDetails: validation failures name each field, and a request the
/// framework cannot bind (malformed JSON, a query value of the wrong type) is a 400 naming what it could not read.
/// </summary>
public static class ProblemDetailsSetup
{
    public static WebApplicationBuilder AddAppProblemDetails(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Name fields as the JSON does (title, not Title).
            if (context.ProblemDetails is HttpValidationProblemDetails validation)
            {
                var errors = validation.Errors.ToDictionary(e => JsonName(e.Key), e => e.Value);
                validation.Errors.Clear();
                foreach (var (field, messages) in errors)
                {
                    validation.Errors[field] = messages;
                }
            }
        });
        builder.Services.AddValidation();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.AddExceptionHandler<DatabaseTimeoutHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        return builder;
    }

    public static WebApplication UseAppProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages());
        return app;
    }

    // A header keeps its own name (If-Match): no C# member has a '-' in it.
    private static string JsonName(string path) =>
        string.Join('.', path.Split('.').Select(name => name.Contains('-', StringComparison.Ordinal) ? name : JsonNamingPolicy.CamelCase.ConvertName(name)));

    // "The JSON value could not be converted to System.Nullable`1[App.SomeEnum]" names the target type: for an enum, list its values.
    private static string? AllowedValues(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"converted to (?:System\.Nullable`1\[)?([\w.]+)");
        var type = match.Success ? typeof(ProblemDetailsSetup).Assembly.GetType(match.Groups[1].Value) : null;
        return type is { IsEnum: true }
            ? string.Join(", ", Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName))
            : null;
    }

    /// <summary>A query that outlived its command timeout is a 503 saying so (the server is overloaded), not a 500.</summary>
    private sealed class DatabaseTimeoutHandler(IProblemDetailsService problemDetails) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            var timedOut = exception is TimeoutException
                || exception is Npgsql.NpgsqlException { InnerException: TimeoutException }
                || exception is Npgsql.PostgresException { SqlState: Npgsql.PostgresErrorCodes.QueryCanceled }
                || exception.InnerException is Npgsql.NpgsqlException { InnerException: TimeoutException };
            if (!timedOut || context.Response.HasStarted)
            {
                return false;
            }

            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Title = "The database did not answer in time.",
                    Detail = "The query ran longer than the database command timeout; try again, or narrow the query.",
                },
            });
        }
    }

    private sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException badRequest)
            {
                return false;
            }

            var field = FindField(badRequest);
            var errors = new Dictionary<string, string[]> { [field] = [Describe(badRequest, field)] };
            context.Response.StatusCode = badRequest.StatusCode;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = new HttpValidationProblemDetails(errors)
                {
                    Status = badRequest.StatusCode,
                    Title = "The request could not be read.",
                    Detail = badRequest.Message,
                },
            });
        }

        private static string FindField(BadHttpRequestException exception) =>
            exception.InnerException is JsonException { Path: { Length: > 1 } path }
                ? path.TrimStart('$', '.')
                : ParameterName(exception.Message) ?? "body";

        // "Failed to bind parameter "int page" from "abc"." names the parameter between the first quotes.
        private static string? ParameterName(string message)
        {
            var start = message.IndexOf('"', StringComparison.Ordinal);
            var end = start < 0 ? -1 : message.IndexOf('"', start + 1);
            if (end <= start)
            {
                return null;
            }

            var declaration = message[(start + 1)..end];
            var name = declaration[(declaration.LastIndexOf(' ') + 1)..];
            return message.Contains("from the request body", StringComparison.Ordinal) ? "body" : name;
        }

        private static string Describe(BadHttpRequestException exception, string field)
        {
            if (exception.InnerException is JsonException json)
            {
                return AllowedValues(json.Message) is { } allowed
                    ? $"'{field}' must be one of: {allowed}."
                    : json.Message.Split(" Path:")[0];
            }

            // "Failed to bind parameter "X x" from "value"." becomes "'value' is not a valid x."
            const string marker = "\" from \"";
            var at = exception.Message.IndexOf(marker, StringComparison.Ordinal);
            return at < 0 ? exception.Message : $"'{exception.Message[(at + marker.Length)..].TrimEnd('.', '"')}' is not a valid {field}.";
        }
    }
}
