using System.Text;
using Microsoft.Net.Http.Headers;

namespace TodoDashboard.Infrastructure.Validation;

/// <summary>
/// The API's edge: every query-string and route value passes <see cref="InputPolicy"/> (400 naming the parameter),
/// and a body whose Content-Type names a charset nothing can decode is a 415, before any endpoint binds anything.
/// </summary>
public sealed class InputPolicyMiddleware(RequestDelegate next, IProblemDetailsService problemDetails)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (UnknownCharset(context.Request) is { } charset)
        {
            context.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status415UnsupportedMediaType,
                    Title = "Unsupported media type.",
                    Detail = charset.Length == 0
                        ? "The Content-Type names an empty charset: send application/json; charset=utf-8."
                        : "The Content-Type names a charset this server cannot decode: send application/json; charset=utf-8.",
                },
            });
            return;
        }

        var errors = new Dictionary<string, string[]>();
        foreach (var (name, values) in context.Request.Query)
        {
            Check(errors, name, (IEnumerable<string?>)values);
        }

        foreach (var (name, value) in context.Request.RouteValues)
        {
            Check(errors, name, [value?.ToString()]);
        }

        if (errors.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await problemDetails.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails = new HttpValidationProblemDetails(errors)
                {
                    Status = StatusCodes.Status400BadRequest,
                    Title = "One or more validation errors occurred.",
                },
            });
            return;
        }

        await next(context);
    }

    private static void Check(Dictionary<string, string[]> errors, string name, IEnumerable<string?> values)
    {
        // A name the policy refuses cannot name itself: its error goes under "query".
        var field = InputPolicy.Refusal(name) is null ? name : "query";
        if (field != name)
        {
            errors[field] = [$"A query parameter's name {InputPolicy.Refusal(name)}."];
            return;
        }

        foreach (var value in values)
        {
            if (InputPolicy.Check(field, value) is { } message)
            {
                errors[field] = [message];
                return;
            }
        }
    }

    /// <summary>The charset named in the Content-Type when no encoding answers to it (what reading JSON would fail on), else null.</summary>
    private static string? UnknownCharset(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var media) || !media.Charset.HasValue)
        {
            return null;
        }

        var charset = media.Charset.Value!.Trim('"');
        if (charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        try
        {
            _ = Encoding.GetEncoding(charset);
            return null;
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // NotSupportedException: UTF-7, which .NET names but no longer decodes (SYSLIB0001).
            return charset;
        }
    }
}
