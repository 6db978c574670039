using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>
/// Every API operation the app maps, called as anonymous, Member, Operator and Admin: 401 without a user, 403 naming the
/// needed role below it, a success at or above it. The operations are read from the app's endpoint list, so a new
/// endpoint without a row here fails <see cref="Every_api_endpoint_has_a_decision"/>.
/// </summary>
public class EndpointAuthorizationMatrixTests(TodoDashboardFactory factory) : IClassFixture<TodoDashboardFactory>
{
    private const string Public = "anyone";

    /// <summary>"METHOD /route": who may call it, and a request that succeeds for them.</summary>
    private static readonly Dictionary<string, Decision> Decisions = new()
    {
        ["GET /api/todos/"] = new(AppRoles.Member, _ => Get("/api/todos")),
        ["GET /api/todos/stats"] = new(AppRoles.Member, _ => Get("/api/todos/stats")),
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

        ["POST /api/shares/seed"] = new(AppRoles.Operator, _ => Send(HttpMethod.Post, "/api/shares/seed", new { count = 5 })),
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
    };

    private static readonly string?[] Callers = [null, AppRoles.Member, AppRoles.Operator, AppRoles.Admin];

    [Fact]
    public void Every_api_endpoint_has_a_decision()
    {
        var endpoints = ApiEndpoints().ToList();
        Assert.NotEmpty(endpoints);
        var undecided = endpoints.Select(e => e.Key).Where(k => !Decisions.ContainsKey(k)).ToList();
        Assert.True(undecided.Count == 0, $"API endpoints without an authorization decision in this test: {string.Join(", ", undecided)}");
        var gone = Decisions.Keys.Except(endpoints.Select(e => e.Key)).ToList();
        Assert.True(gone.Count == 0, $"Decisions for endpoints the app no longer maps: {string.Join(", ", gone)}");
    }

    [Fact]
    public void Every_api_endpoint_outside_auth_states_a_role_policy()
    {
        var roles = AppRoles.All.ToHashSet();
        var unstated = ApiEndpoints()
            .Where(e => !e.Key.Contains(" /api/auth/", StringComparison.Ordinal))
            .Where(e => !e.Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy is { } p && roles.Contains(p)))
            .Select(e => e.Key)
            .ToList();
        Assert.True(unstated.Count == 0, $"Endpoints without a role policy: {string.Join(", ", unstated)}");
    }

    [Fact]
    public async Task Every_api_endpoint_answers_each_role_as_decided()
    {
        var failures = new List<string>();
        foreach (var caller in Callers)
        {
            var context = await CallerContext.CreateAsync(factory, caller);
            // Logging out renews the security stamp, which (rightly) ends the caller's token: it goes last.
            foreach (var (key, decision) in Decisions.OrderBy(d => d.Key.EndsWith("/logout", StringComparison.Ordinal)).ThenBy(d => d.Key, StringComparer.Ordinal))
            {
                using var request = decision.Request(context);
                using var response = await context.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var expected = Expected(decision, caller);
                if (!expected.Contains(response.StatusCode))
                {
                    failures.Add($"{key} as {caller ?? "anonymous"}: {(int)response.StatusCode}, expected {string.Join(" or ", expected.Select(s => (int)s))}");
                }
                else if (response.StatusCode == HttpStatusCode.Forbidden)
                {
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                    if (problem.GetProperty("requiredRole").GetString() != decision.Role
                        || problem.GetProperty("title").GetString()?.Contains(decision.Role, StringComparison.Ordinal) != true)
                    {
                        failures.Add($"{key} as {caller}: the 403 does not name the {decision.Role} role: {problem}");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Theory]
    [InlineData("{\"scale\": 2}", HttpStatusCode.Accepted)]
    [InlineData("{\"users\": [{\"name\": \"Ann\", \"email\": \"ann@example.com\"}]}", HttpStatusCode.Created)]
    public async Task A_member_may_run_only_the_default_multi_database_dataset(string body, HttpStatusCode operatorStatus)
    {
        var member = await CallerContext.CreateAsync(factory, AppRoles.Member);
        var refused = await member.Client.PostAsync("/api/multidb/runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(AppRoles.Operator, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("requiredRole").GetString());

        var operatorContext = await CallerContext.CreateAsync(factory, AppRoles.Operator);
        var allowed = await operatorContext.Client.PostAsync("/api/multidb/runs", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(operatorStatus, allowed.StatusCode);
    }

    private static HttpStatusCode[] Expected(Decision decision, string? caller)
    {
        if (decision.Role == Public)
        {
            return decision.Success;
        }

        if (caller is null)
        {
            return [HttpStatusCode.Unauthorized];
        }

        return AppRoles.Granting(decision.Role).Contains(caller) ? decision.Success : [HttpStatusCode.Forbidden];
    }

    private IEnumerable<(string Key, RouteEndpoint Endpoint)> ApiEndpoints() =>
        factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => ($"{m} /{e.RoutePattern.RawText!.TrimStart('/')}", e)))
            .Where(e => !e.Item1.StartsWith("GET /api/docs", StringComparison.Ordinal));

    private static HttpRequestMessage Get(string url) => new(HttpMethod.Get, url);

    private static HttpRequestMessage Send(HttpMethod method, string url, object? body = null) =>
        new(method, url) { Content = body is null ? null : JsonContent.Create(body) };

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

    private sealed record Decision(string Role, Func<CallerContext, HttpRequestMessage> Request, params HttpStatusCode[] Success)
    {
        public HttpStatusCode[] Success { get; } = Success.Length == 0 ? [HttpStatusCode.OK] : Success;
    }

    /// <summary>A client for one kind of caller, and resources that exist for it (its own todo and job, the team's rows).</summary>
    private sealed class CallerContext
    {
        public required HttpClient Client { get; init; }
        public required string Email { get; init; }
        public required string RefreshToken { get; init; }
        public long TodoId { get; init; }
        public long SpareTodoId { get; init; }
        public Guid JobId { get; init; }
        public Guid PriceUpdateId { get; init; }
        public Guid MultiDbRunId { get; init; }
        public Guid GenerationRunId { get; init; }
        public long CustomerId { get; init; }
        public string CustomerNumber { get; init; } = "";
        public long SpareCustomerId { get; init; }
        public required string TargetUserId { get; init; }

        public static async Task<CallerContext> CreateAsync(TodoDashboardFactory factory, string? role)
        {
            // The data is made by an admin; the caller only reads and changes it.
            var adminEmail = ApiClientExtensions.NewEmail();
            var admin = await factory.CreateUserClientAsync(adminEmail, AppRoles.Admin);
            await admin.PostAsJsonAsync("/api/shares/seed", new { count = 5 });
            var priceUpdate = await Id<Guid>(await admin.PostAsJsonAsync("/api/shares/price-updates", new { strategy = "bulk", change = "add", amount = 1 }));
            var multiDbRun = await Id<Guid>(await admin.PostAsync("/api/multidb/runs", null));
            var generation = await admin.PostAsJsonAsync("/api/customers/generate", new { count = 10 });
            var generationRun = generation.StatusCode == HttpStatusCode.Conflict
                ? (await generation.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("activeRunId").GetGuid()
                : await Id<Guid>(generation);
            var customerNumber = $"MX-{Guid.NewGuid():N}"[..20];
            var customer = await Id<long>(await admin.PostAsJsonAsync("/api/customers", NewCustomer(customerNumber)));
            var spareCustomer = await Id<long>(await admin.PostAsJsonAsync("/api/customers", NewCustomer()));
            var targetEmail = ApiClientExtensions.NewEmail();
            await factory.CreateUserClientAsync(targetEmail);
            var targetId = await UserIdAsync(factory, targetEmail);

            var email = ApiClientExtensions.NewEmail();
            HttpClient client;
            if (role is null)
            {
                client = factory.CreateClient();
                await factory.CreateUserClientAsync(email);
            }
            else
            {
                client = await factory.CreateUserClientAsync(email, role == AppRoles.Member ? null : role);
            }

            var owner = role is null ? await factory.CreateUserClientAsync(ApiClientExtensions.NewEmail()) : client;
            var tokens = await factory.CreateClient().LoginAsync(email, ApiClientExtensions.Password);
            return new CallerContext
            {
                Client = client,
                Email = email,
                RefreshToken = tokens.RefreshToken,
                TodoId = await Id<long>(await owner.PostAsJsonAsync("/api/todos", new { title = "mine" })),
                SpareTodoId = await Id<long>(await owner.PostAsJsonAsync("/api/todos", new { title = "to delete" })),
                JobId = await Id<Guid>(await owner.PostAsJsonAsync("/api/jobs", new { items = 1 })),
                PriceUpdateId = priceUpdate,
                MultiDbRunId = multiDbRun,
                GenerationRunId = generationRun,
                CustomerId = customer,
                CustomerNumber = customerNumber,
                SpareCustomerId = spareCustomer,
                TargetUserId = targetId,
            };
        }

        private static async Task<T> Id<T>(HttpResponseMessage response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").Deserialize<T>()!;
        }

        private static async Task<string> UserIdAsync(TodoDashboardFactory factory, string email)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TodoDashboard.Data.ApplicationUser>>();
            return (await users.FindByEmailAsync(email))!.Id;
        }
    }
}
