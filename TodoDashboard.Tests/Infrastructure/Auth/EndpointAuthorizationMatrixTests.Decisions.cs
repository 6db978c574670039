using System.Net;
using System.Net.Http.Json;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>The matrix's rows: for every API operation, who may call it and a request that succeeds for them.</summary>
public partial class EndpointAuthorizationMatrixTests
{
    private const string Public = "anyone";

    /// <summary>"METHOD /route": who may call it, and a request that succeeds for them.</summary>
    private static readonly Dictionary<string, Decision> Decisions = new()
    {
        ["GET /api/todos/"] = new(AppRoles.Member, _ => Get("/api/todos")),
        ["GET /api/todos/export"] = new(AppRoles.Member, _ => Get("/api/todos/export")),
        ["GET /api/todos/stats"] = new(AppRoles.Member, _ => Get("/api/todos/stats")),
        ["GET /api/todos/stats/compare"] = new(AppRoles.Member, _ => Get("/api/todos/stats/compare?repeat=1")),
        ["GET /api/todos/{id:long}"] = new(AppRoles.Member, c => Get($"/api/todos/{c.TodoId}")),
        ["POST /api/todos/"] = new(AppRoles.Member, _ => Send(HttpMethod.Post, "/api/todos", new { title = "matrix" }), HttpStatusCode.Created),
        ["PUT /api/todos/{id:long}"] = new(AppRoles.Member, c => Send(HttpMethod.Put, $"/api/todos/{c.TodoId}", new { title = "put" })),
        ["PATCH /api/todos/{id:long}"] = new(AppRoles.Member, c => Send(HttpMethod.Patch, $"/api/todos/{c.TodoId}", new { title = "patch" })),
        ["PATCH /api/todos/{id:long}/toggle"] = new(AppRoles.Member, c => Send(HttpMethod.Patch, $"/api/todos/{c.TodoId}/toggle")),
        ["DELETE /api/todos/{id:long}"] = new(AppRoles.Member, c => Send(HttpMethod.Delete, $"/api/todos/{c.SpareTodoId}"), HttpStatusCode.NoContent),

        ["POST /api/jobs/"] = new(AppRoles.Member, _ => Send(HttpMethod.Post, "/api/jobs", new { items = 1 }), HttpStatusCode.Accepted, HttpStatusCode.Conflict),
        ["GET /api/jobs/"] = new(AppRoles.Member, _ => Get("/api/jobs")),
        ["GET /api/jobs/{id:guid}"] = new(AppRoles.Member, c => Get($"/api/jobs/{c.JobId}")),
        ["GET /api/jobs/{id:guid}/events"] = new(AppRoles.Member, c => Get($"/api/jobs/{c.JobId}/events")),
        ["POST /api/jobs/{id:guid}/cancel"] = new(AppRoles.Member, c => Send(HttpMethod.Post, $"/api/jobs/{c.JobId}/cancel"), HttpStatusCode.Accepted, HttpStatusCode.Conflict),

        // Runs of every kind: the caller's own job (cancel goes first, so resume and retry may each succeed or find it active or ended).
        ["GET /api/runs/"] = new(AppRoles.Member, _ => Get("/api/runs")),
        ["GET /api/runs/{id:guid}"] = new(AppRoles.Member, c => Get($"/api/runs/{c.JobId}")),
        ["GET /api/runs/{id:guid}/events"] = new(AppRoles.Member, c => Get($"/api/runs/{c.JobId}/events")),
        ["POST /api/runs/{id:guid}/cancel"] = new(AppRoles.Member, c => Send(HttpMethod.Post, $"/api/runs/{c.JobId}/cancel"), HttpStatusCode.Accepted, HttpStatusCode.Conflict),
        ["POST /api/runs/{id:guid}/resume"] = new(AppRoles.Member, c => Send(HttpMethod.Post, $"/api/runs/{c.JobId}/resume"), HttpStatusCode.Accepted, HttpStatusCode.Conflict),
        ["POST /api/runs/{id:guid}/retry"] = new(AppRoles.Member, c => Send(HttpMethod.Post, $"/api/runs/{c.JobId}/retry"), HttpStatusCode.Accepted, HttpStatusCode.Conflict),
        ["POST /api/runs/noop/"] = new(AppRoles.Operator, _ => Send(HttpMethod.Post, "/api/runs/noop", new { steps = 1 }), HttpStatusCode.Accepted)
        {
            OnlyWhen = "Runs:EnableNoOpKind",
        },

        // This instance's memory after a forced collection: a stall for everyone, so only in Development and for Admins.
        ["GET /api/operations/diagnostics/memory"] = new(AppRoles.Admin, _ => Get("/api/operations/diagnostics/memory"))
        {
            OnlyWhen = "Diagnostics:MemoryEndpoint",
        },

        // The cluster, for scripts: its instances and every running run, so for those who see every run.
        ["GET /api/operations/cluster/"] = new(AppRoles.Operator, _ => Get("/api/operations/cluster")),
        ["GET /api/operations/cluster/{instanceId}"] = new(AppRoles.Operator, c => Get($"/api/operations/cluster/{Uri.EscapeDataString(c.InstanceId)}")),

        ["POST /api/shares/generate"] = new(AppRoles.Operator, _ => Send(HttpMethod.Post, "/api/shares/generate", new { count = 5 })),
        ["GET /api/shares/"] = new(AppRoles.Member, _ => Get("/api/shares")),
        ["GET /api/shares/{id:int}"] = new(AppRoles.Member, _ => Get("/api/shares/1")),
        ["GET /api/shares/{id:int}/price-updates"] = new(AppRoles.Member, _ => Get("/api/shares/1/price-updates")),
        ["POST /api/shares/price-updates"] = new(AppRoles.Operator,
            _ => Send(HttpMethod.Post, "/api/shares/price-updates", new { strategy = "bulk", change = "add", amount = 1 }), HttpStatusCode.Accepted),
        ["GET /api/shares/price-updates"] = new(AppRoles.Member, _ => Get("/api/shares/price-updates")),
        ["GET /api/shares/price-updates/{id:guid}"] = new(AppRoles.Member, c => Get($"/api/shares/price-updates/{c.PriceUpdateId}")),

        ["POST /api/multidb/runs"] = new(AppRoles.Member, _ => Send(HttpMethod.Post, "/api/multidb/runs"), HttpStatusCode.Created),
        ["GET /api/multidb/runs"] = new(AppRoles.Member, _ => Get("/api/multidb/runs")),
        ["GET /api/multidb/runs/{id:guid}"] = new(AppRoles.Member, c => Get($"/api/multidb/runs/{c.MultiDbRunId}")),
        ["GET /api/multidb/users"] = new(AppRoles.Member, _ => Get("/api/multidb/users")),
        ["GET /api/multidb/products"] = new(AppRoles.Member, _ => Get("/api/multidb/products")),
        ["GET /api/multidb/orders"] = new(AppRoles.Member, _ => Get("/api/multidb/orders")),

        ["GET /api/customers/"] = new(AppRoles.Member, _ => Get("/api/customers")),
        ["GET /api/customers/export"] = new(AppRoles.Member, _ => Get("/api/customers/export")),
        ["GET /api/customers/naive"] = new(AppRoles.Member, _ => Get("/api/customers/naive")),
        ["GET /api/customers/{id:long}"] = new(AppRoles.Member, c => Get($"/api/customers/{c.CustomerId}")),
        ["POST /api/customers/"] = new(AppRoles.Member, _ => Send(HttpMethod.Post, "/api/customers", NewCustomer()), HttpStatusCode.Created),
        ["PUT /api/customers/{id:long}"] = new(AppRoles.Member, c => Send(HttpMethod.Put, $"/api/customers/{c.CustomerId}", NewCustomer(c.CustomerNumber))),
        ["DELETE /api/customers/{id:long}"] = new(AppRoles.Operator, c => Send(HttpMethod.Delete, $"/api/customers/{c.SpareCustomerId}"), HttpStatusCode.NoContent),
        ["POST /api/customers/generate"] = new(AppRoles.Operator,
            _ => Send(HttpMethod.Post, "/api/customers/generate", new { count = 10 }), HttpStatusCode.Accepted, HttpStatusCode.Conflict),
        ["GET /api/customers/generate"] = new(AppRoles.Member, _ => Get("/api/customers/generate")),
        ["GET /api/customers/generate/{id:guid}"] = new(AppRoles.Member, c => Get($"/api/customers/generate/{c.GenerationRunId}")),

        ["GET /api/admin/users"] = new(AppRoles.Admin, _ => Get("/api/admin/users")),
        ["GET /api/admin/users/{id}"] = new(AppRoles.Admin, c => Get($"/api/admin/users/{c.TargetUserId}")),
        ["PUT /api/admin/users/{id}/roles"] = new(AppRoles.Admin, c => Send(HttpMethod.Put, $"/api/admin/users/{c.TargetUserId}/roles", new { roles = new[] { "Member" } })),
        ["POST /api/admin/users/{id}/lock"] = new(AppRoles.Admin, c => Send(HttpMethod.Post, $"/api/admin/users/{c.TargetUserId}/lock")),
        ["POST /api/admin/users/{id}/unlock"] = new(AppRoles.Admin, c => Send(HttpMethod.Post, $"/api/admin/users/{c.TargetUserId}/unlock")),

        // The sign-in API: register, login and refresh are open to anyone; logout and the account's info need a user.
        ["POST /api/auth/register"] = new(Public, _ => Send(HttpMethod.Post, "/api/auth/register", new { email = ApiClientExtensions.NewEmail(), password = ApiClientExtensions.Password })),
        ["POST /api/auth/login"] = new(Public, c => Send(HttpMethod.Post, "/api/auth/login", new { email = c.Email, password = ApiClientExtensions.Password })),
        ["POST /api/auth/refresh"] = new(Public, c => Send(HttpMethod.Post, "/api/auth/refresh", new { refreshToken = c.RefreshToken })),
        ["GET /api/auth/manage/info"] = new(AppRoles.Member, _ => Get("/api/auth/manage/info")),
        ["POST /api/auth/logout"] = new(AppRoles.Member, _ => Send(HttpMethod.Post, "/api/auth/logout"), HttpStatusCode.NoContent),

        // The account pages' endpoints, called by their forms and their passkey script: signing out and the passkey
        // sign-in options are for anyone (a visitor's sign-out just lands on the login page); creating a passkey needs an account.
        ["POST /Account/Logout"] = new(Public, c => BrowserPost("/Account/Logout", c, form: true), HttpStatusCode.Redirect) { ByBrowser = true },
        ["POST /Account/PasskeyCreationOptions"] = new(AppRoles.Member, c => BrowserPost("/Account/PasskeyCreationOptions", c)) { ByBrowser = true },
        ["POST /Account/Theme"] = new(Public, c => BrowserPost("/Account/Theme", c, form: true, fields: new() { ["preference"] = "Dark" }), HttpStatusCode.Redirect) { ByBrowser = true },
        ["POST /Account/PasskeyRequestOptions"] = new(Public, c => BrowserPost("/Account/PasskeyRequestOptions", c)) { ByBrowser = true },
    };

    private sealed record Decision(string Role, Func<CallerContext, HttpRequestMessage> Request, params HttpStatusCode[] Success)
    {
        public HttpStatusCode[] Success { get; } = Success.Length == 0 ? [HttpStatusCode.OK] : Success;

        /// <summary>Sent with <see cref="CallerContext.Browser"/> (cookie and antiforgery token), not the bearer client.</summary>
        public bool ByBrowser { get; init; }

        /// <summary>The setting that maps the endpoint (off by default, so the app has no such endpoint), or null for always.</summary>
        public string? OnlyWhen { get; init; }
    }

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Send(HttpMethod method, string url, object? body = null) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

    // A form posts the token as a field; the passkey script sends it as a header.
    private static HttpRequestMessage BrowserPost(string url, CallerContext context, bool form = false, Dictionary<string, string>? fields = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url);
        if (form)
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string>(fields ?? []) { ["__RequestVerificationToken"] = context.BrowserToken });
        }
        else
        {
            request.Headers.Add("RequestVerificationToken", context.BrowserToken);
        }

        return request;
    }

    private static object NewCustomer(string? customerId = null) => new
    {
        firstName = "Matrix",
        lastName = "Test",
        gender = "undefined",
        customerId = customerId ?? $"MX-{Guid.NewGuid():N}"[..20],
        phoneNumber = (string?)null,
        birthday = "1990-01-01",
        address = (object?)null,
        points = 1,
    };
}
