using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using TodoDashboard.Infrastructure.Runs;
using TodoDashboard.Infrastructure.Validation;

namespace TodoDashboard.Features.Operations;

/// <summary>The query of <c>GET /api/runs</c>; every filter is optional.</summary>
/// <remarks>
/// The attributes target the properties: the OpenAPI document then names the parameters as the query does, and a
/// validation attribute on a constructor parameter of an [AsParameters] record breaks the document's generation
/// (dotnet/aspnetcore#65348).
/// </remarks>
public sealed record RunListRequest(
    [property: FromQuery(Name = "kind")] string? Kind = null,
    [property: FromQuery(Name = "state")] EnumChoice<RunState>? State = null,
    [property: FromQuery(Name = "owner")] EnumChoice<RunOwnerFilter>? Owner = null,
    [property: FromQuery(Name = "since")] DateTimeOffset? Since = null,
    [property: FromQuery(Name = "until")] DateTimeOffset? Until = null,
    [property: FromQuery(Name = "cursor")] string? Cursor = null,
    [property: FromQuery(Name = "limit"), Range(1, RunEngine.MaxListLimit)] int Limit = RunListRequest.DefaultLimit)
{
    public const int DefaultLimit = 50;

    public RunQuery ToQuery() =>
        new(Kind, State?.Value, Owner?.Value ?? RunOwnerFilter.All, Since?.UtcDateTime, Until?.UtcDateTime, Cursor, Limit);
}
