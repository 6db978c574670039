using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure.Concurrency;

namespace TodoDashboard.Tests.Harness;

/// <summary>What the API answers about versions: ETags, 412 for a stale If-Match, 400 for a malformed one.</summary>
public static class ConcurrencyAssert
{
    /// <summary>The response's ETag is the version, strong and quoted.</summary>
    public static void HasETag(HttpResponseMessage response, uint version)
    {
        Assert.Equal($"\"{version}\"", response.ETag());
        Assert.False(response.Headers.ETag!.IsWeak);
    }

    /// <summary>412, carrying the current version (ETag and body) and the current resource.</summary>
    public static async Task PreconditionFailedAsync<T>(HttpResponseMessage response, T current) where T : IVersioned
    {
        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
        HasETag(response, current.Version);
        var problem = await response.ReadAsync<ProblemDetails>();
        Assert.Equal(StatusCodes.Status412PreconditionFailed, problem.Status);
        Assert.Equal(current.Version, ((JsonElement)problem.Extensions["currentVersion"]!).GetUInt32());
        Assert.Equal(current, ((JsonElement)problem.Extensions["current"]!).Deserialize<T>(ApiJson.Options));
    }

    /// <summary>400 naming the If-Match header.</summary>
    public static async Task MalformedIfMatchAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("If-Match", (await response.ReadAsync<HttpValidationProblemDetails>()).Errors.Keys);
    }

    /// <summary>
    /// Runs a delete and another write of a new resource at once, many times, alternately with and without If-Match:
    /// each answers 200, 204 or 404 (never a 500), and the resource is gone after.
    /// </summary>
    public static async Task RacesWithDeleteAsync<T>(
        Func<int, Task<T>> create, Func<T, Task<HttpResponseMessage>> delete, Func<T, string?, Task<HttpResponseMessage>> write,
        Func<T, Task<HttpResponseMessage>> read, int times = 25) where T : IVersioned
    {
        for (var i = 0; i < times; i++)
        {
            var resource = await create(i);
            var ifMatch = i % 2 == 0 ? null : $"\"{resource.Version}\"";

            var responses = await Task.WhenAll(delete(resource), write(resource, ifMatch));

            foreach (var response in responses)
            {
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NoContent or HttpStatusCode.NotFound,
                    $"{response.RequestMessage!.Method} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            Assert.Equal(HttpStatusCode.NotFound, (await read(resource)).StatusCode);
        }
    }
}
