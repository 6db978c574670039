using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Infrastructure;

/// <summary>
/// Errors as RFC 9457 ProblemDetails: validation failures name each field, and a request the
/// framework cannot bind (malformed JSON, a query value of the wrong type) is a 400 naming what it could not read —
/// found from the exception's type, <see cref="JsonException.Path"/> and the endpoint's parameter metadata, never
/// from the wording of a framework message.
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
        builder.Services.AddExceptionHandler<DatabaseFaultHandler>();
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.ConfigureHttpJsonOptions(options =>
            options.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false)));
        builder.Services.AddInputPolicy();
        return builder;
    }

    public static WebApplication UseAppProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/api"), api => api.UseStatusCodePages().UseMiddleware<InputPolicyMiddleware>().UseMiddleware<DatabaseReadRetryMiddleware>());
        return app;
    }

    // A header keeps its own name (If-Match): no C# member has a '-' in it.
    private static string JsonName(string path) =>
        string.Join('.', path.Split('.').Select(name => name.Contains('-', StringComparison.Ordinal) ? name : JsonNamingPolicy.CamelCase.ConvertName(name)));

    private sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails, IOptions<JsonOptions> json) : IExceptionHandler
    {
        public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
        {
            if (exception is not BadHttpRequestException badRequest || context.Response.HasStarted)
            {
                return false;
            }

            context.Response.StatusCode = badRequest.StatusCode;
            return await problemDetails.TryWriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                Exception = exception,
                ProblemDetails = badRequest.StatusCode switch
                {
                    StatusCodes.Status400BadRequest => Unreadable(context, badRequest),
                    StatusCodes.Status415UnsupportedMediaType => new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = badRequest.StatusCode,
                        Title = "Unsupported media type.",
                        Detail = "Send the body as JSON: Content-Type: application/json.",
                    },
                    _ => new Microsoft.AspNetCore.Mvc.ProblemDetails
                    {
                        Status = badRequest.StatusCode,
                        Title = ReasonPhrases.GetReasonPhrase(badRequest.StatusCode) is { Length: > 0 } phrase ? phrase + "." : "The request could not be read.",
                    },
                },
            });
        }

        private HttpValidationProblemDetails Unreadable(HttpContext context, BadHttpRequestException exception)
        {
            // The exception handler clears the endpoint and route values off the context; its feature keeps them.
            var failed = context.Features.Get<IExceptionHandlerFeature>();
            var endpoint = failed?.Endpoint ?? context.GetEndpoint();
            var (field, message) = exception.InnerException is JsonException body
                ? DescribeBody(body, endpoint?.Metadata.GetMetadata<IAcceptsMetadata>()?.RequestType)
                : UnreadableParameter(context.Request, failed?.RouteValues ?? context.Request.RouteValues, endpoint)
                    ?? (endpoint?.Metadata.GetMetadata<IAcceptsMetadata>() is { IsOptional: false }
                        ? ("body", "The request needs a JSON body.")
                        : ("request", "The request could not be read."));
            return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "The request could not be read.",
            };
        }

        private (string Field, string Message) DescribeBody(JsonException exception, Type? bodyType)
        {
            var field = exception.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            return exception switch
            {
                InputRefusedException refused => (field, $"'{field}' {refused.Reason}."),
                JsonChoiceException choice => (field, $"'{field}' must be one of: {string.Join(", ", choice.Allowed)}."),
                // The reader's own exception: the text is not JSON at all (unterminated, a stray character).
                { InnerException: JsonException } => (field, FormattableString.Invariant(
                    $"The body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).")),
                _ => (field, JsonPath.TypeAt(json.Value.SerializerOptions, bodyType, exception.Path) is { } type
                    ? $"'{field}' must be {ValueExpectations.Describe(type)}."
                    : $"'{field}' has a value of the wrong type."),
            };
        }

        // Which query, route or header value failed to bind: the first whose text its parameter type cannot parse.
        private static (string Field, string Message)? UnreadableParameter(HttpRequest request, RouteValueDictionary routeValues, Endpoint? endpoint)
        {
            foreach (var parameter in endpoint?.Metadata.GetOrderedMetadata<IParameterBindingMetadata>() ?? [])
            {
                var type = Nullable.GetUnderlyingType(parameter.ParameterInfo.ParameterType) ?? parameter.ParameterInfo.ParameterType;
                // Binding reports HasTryParse only where it chose the source by convention, not for [FromQuery(Name = ...)].
                if (type == typeof(string) || !(parameter.HasTryParse || HasTryParse(type)))
                {
                    continue;
                }

                var (name, raw) = RawValue(request, routeValues, parameter.ParameterInfo);
                if (string.IsNullOrEmpty(raw))
                {
                    if (!parameter.IsOptional)
                    {
                        return (name, $"'{name}' is required.");
                    }
                }
                else if (!Parses(type, raw))
                {
                    return (name, $"'{name}' must be {ValueExpectations.Describe(type)}.");
                }
            }

            return null;
        }

        private static (string Name, string? Raw) RawValue(HttpRequest request, RouteValueDictionary routeValues, ParameterInfo parameter)
        {
            var attributes = parameter.GetCustomAttributes(inherit: true);
            if (attributes.OfType<IFromHeaderMetadata>().FirstOrDefault() is { } header)
            {
                var name = header.Name ?? parameter.Name!;
                return (name, request.Headers[name].FirstOrDefault());
            }

            var routeName = attributes.OfType<IFromRouteMetadata>().FirstOrDefault()?.Name;
            var queryName = attributes.OfType<IFromQueryMetadata>().FirstOrDefault()?.Name;
            var key = routeName ?? queryName ?? parameter.Name!;
            return queryName is null && routeValues.TryGetValue(key, out var route)
                ? (key, route?.ToString())
                : (key, request.Query.TryGetValue(key, out var query) ? query.FirstOrDefault() : null);
        }

        private static bool HasTryParse(Type type) =>
            type.IsEnum || type.GetMethods(BindingFlags.Public | BindingFlags.Static).Any(m => m.Name == "TryParse");

        // The parameter type's own TryParse, as binding found it (IParsable's, or TryParse(string, out T)).
        private static bool Parses(Type type, string raw)
        {
            if (type.IsEnum)
            {
                return Enum.TryParse(type, raw, ignoreCase: true, out _);
            }

            const BindingFlags Static = BindingFlags.Public | BindingFlags.Static;
            var byRef = type.MakeByRefType();
            if (type.GetMethod("TryParse", Static, [typeof(string), typeof(IFormatProvider), byRef]) is { } withProvider)
            {
                return (bool)withProvider.Invoke(null, [raw, CultureInfo.InvariantCulture, null])!;
            }

            return type.GetMethod("TryParse", Static, [typeof(string), byRef]) is not { } plain || (bool)plain.Invoke(null, [raw, null])!;
        }
    }
}
