using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace TodoDashboard.Infrastructure.Concurrency;

/// <summary>
/// Optimistic concurrency over HTTP (RFC 9110): a read answers the resource's version as a strong ETag ("123"); a
/// write may send it back in If-Match and is then done only if the resource is still at that version, else it
/// answers 412 with the current version (ETag header, <c>currentVersion</c>) and the current resource
/// (<c>current</c>). Without If-Match (or with <c>*</c>) a write proceeds whatever the version, as simple scripts expect.
/// </summary>
public static class VersionedResults
{
    public const string IfMatchHeader = "If-Match";

    public const string StaleTitle = "Changed by someone else since you read it.";

    /// <summary>Documents what a write guarded by If-Match can answer besides its own results: 412.</summary>
    public static RouteHandlerBuilder WithIfMatch(this RouteHandlerBuilder route) =>
        route.ProducesProblem(StatusCodes.Status412PreconditionFailed);

    public static string ETag(uint version) => $"\"{version.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The version a write expects: none for no If-Match or <c>*</c>, else the one strong ETag this API gave out;
    /// anything else is a 400 naming If-Match.
    /// </summary>
    public static bool TryReadIfMatch(string? ifMatch, out uint? version, [NotNullWhen(false)] out ValidationProblem? problem)
    {
        version = null;
        problem = null;
        if (string.IsNullOrEmpty(ifMatch))
        {
            return true;
        }

        if (EntityTagHeaderValue.TryParseStrictList([ifMatch], out var tags) && tags is [var tag])
        {
            if (tag.Tag.Equals("*", StringComparison.Ordinal))
            {
                return true;
            }

            // The tag keeps its quotes: "123".
            if (!tag.IsWeak && uint.TryParse(tag.Tag.Subsegment(1, tag.Tag.Length - 2).AsSpan(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                version = parsed;
                return true;
            }
        }

        problem = TypedResults.ValidationProblem(
            new Dictionary<string, string[]>
            {
                [IfMatchHeader] = ["If-Match takes one ETag as a GET answered it (a quoted number, such as \"123\"), or *."],
            },
            title: "The If-Match header could not be read.");
        return false;
    }

    public static Ok<T> Ok<T>(HttpContext http, T resource) where T : IVersioned
    {
        http.Response.Headers.ETag = ETag(resource.Version);
        return TypedResults.Ok(resource);
    }

    public static Created<T> Created<T>(HttpContext http, string uri, T resource) where T : IVersioned
    {
        http.Response.Headers.ETag = ETag(resource.Version);
        return TypedResults.Created(uri, resource);
    }

    /// <summary>412: the resource is at another version than If-Match named; the answer carries that version and the resource.</summary>
    public static ProblemHttpResult PreconditionFailed<T>(HttpContext http, T current) where T : IVersioned
    {
        http.Response.Headers.ETag = ETag(current.Version);
        return TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status412PreconditionFailed,
            Title = StaleTitle,
            Detail = $"If-Match named another version than the current one, {ETag(current.Version)}: nothing was changed. "
                + "Read it again, or send its ETag to write over it.",
            Extensions = { ["currentVersion"] = current.Version, ["current"] = current },
        });
    }

    /// <summary>A PUT or PATCH: the written resource with its new ETag, 404, 412, or 400 for a malformed If-Match.</summary>
    public static async Task<Results<Ok<T>, NotFound, ValidationProblem, ProblemHttpResult>> WriteAsync<T>(
        HttpContext http, string? ifMatch, Func<uint?, Task<VersionedWrite<T>>> write) where T : class, IVersioned
    {
        if (!TryReadIfMatch(ifMatch, out var expected, out var malformed))
        {
            return malformed;
        }

        var result = await write(expected);
        return result.Outcome switch
        {
            WriteOutcome.Done => Ok(http, result.Current!),
            WriteOutcome.Stale => PreconditionFailed(http, result.Current!),
            _ => TypedResults.NotFound(),
        };
    }

    /// <summary>A DELETE: 204, 404, 412, or 400 for a malformed If-Match.</summary>
    public static async Task<Results<NoContent, NotFound, ValidationProblem, ProblemHttpResult>> DeleteAsync<T>(
        HttpContext http, string? ifMatch, Func<uint?, Task<VersionedWrite<T>>> delete) where T : class, IVersioned
    {
        if (!TryReadIfMatch(ifMatch, out var expected, out var malformed))
        {
            return malformed;
        }

        var result = await delete(expected);
        return result.Outcome switch
        {
            WriteOutcome.Done => TypedResults.NoContent(),
            WriteOutcome.Stale => PreconditionFailed(http, result.Current!),
            _ => TypedResults.NotFound(),
        };
    }
}
