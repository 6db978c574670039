using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Infrastructure.Auth;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>
/// Every API operation the app maps, called as anonymous, Member, Operator and Admin: 401 without a user, 403 naming the
/// needed role below it, a success at or above it. The operations are read from the app's endpoint list, so a new
/// endpoint without a row here fails <see cref="Every_api_endpoint_has_a_decision"/>. The account pages' own endpoints
/// (/Account/..., not the pages) are in it too, called as a browser does: with the sign-in cookie and the page's antiforgery token. An endpoint that exists only under
/// a setting (the no-op run kind's) names it in its row, and the matrix's app turns every such setting on.
/// </summary>
public partial class EndpointAuthorizationMatrixTests(EndpointMatrixFactory factory) : IClassFixture<EndpointMatrixFactory>
{
    private static readonly string?[] Callers = [null, AppRoles.Member, AppRoles.Operator, AppRoles.Admin];

    /// <summary>The settings without which some rows' endpoints are not mapped; the matrix's app has them all on.</summary>
    public static IEnumerable<string> EndpointSettings => Decisions.Values.Select(d => d.OnlyWhen).OfType<string>().Distinct();

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
    public async Task An_endpoint_behind_a_setting_is_not_mapped_without_it()
    {
        await using var settingsOff = factory.WithWebHostBuilder(builder =>
        {
            foreach (var setting in EndpointSettings)
            {
                builder.UseSetting(setting, "false");
            }
        });

        var mapped = ApiEndpoints(settingsOff).Select(e => e.Key).ToHashSet();

        var conditional = Decisions.Where(d => d.Value.OnlyWhen is not null).Select(d => d.Key).ToList();
        Assert.NotEmpty(conditional);
        Assert.All(conditional, key => Assert.DoesNotContain(key, mapped));
        Assert.Contains("GET /api/todos/", mapped);
    }

    [Fact]
    public void Every_api_endpoint_outside_auth_states_a_role_policy()
    {
        var roles = AppRoles.All.ToHashSet();
        var unstated = ApiEndpoints()
            .Where(e => !e.Key.Contains(" /api/auth/", StringComparison.Ordinal) && !e.Key.Contains(" /Account/", StringComparison.Ordinal))
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
            foreach (var (key, decision) in Decisions.OrderBy(d => d.Key.EndsWith("/logout", StringComparison.OrdinalIgnoreCase)).ThenBy(d => d.Key, StringComparer.Ordinal))
            {
                using var request = decision.Request(context);
                using var response = await (decision.ByBrowser ? context.Browser : context.Client).SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
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

    private IEnumerable<(string Key, RouteEndpoint Endpoint)> ApiEndpoints(WebApplicationFactory<Program>? app = null) =>
        (app ?? factory).Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.TrimStart('/') is { } route
                && (route.StartsWith("api/", StringComparison.Ordinal)
                    || (route.StartsWith("Account/", StringComparison.Ordinal) && e.Metadata.GetMetadata<ComponentTypeMetadata>() is null)))
            .Where(e => e.Metadata.GetMetadata<HttpMethodMetadata>() is not null)
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => ($"{m} /{e.RoutePattern.RawText!.TrimStart('/')}", e)))
            .Where(e => !e.Item1.StartsWith("GET /api/docs", StringComparison.Ordinal));

    /// <summary>A client for one kind of caller, and resources that exist for it (its own todo and job, the team's rows).</summary>
    private sealed class CallerContext
    {
        public required HttpClient Client { get; init; }

        /// <summary>A browser of another account with the same role (so its sign-out leaves the token alone), or a visitor's.</summary>
        public required HttpClient Browser { get; init; }

        /// <summary>The antiforgery token an account page rendered for <see cref="Browser"/>.</summary>
        public required string BrowserToken { get; init; }

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

        /// <summary>The answering instance's scheduler instance id, which the cluster always lists.</summary>
        public required string InstanceId { get; init; }

        public static async Task<CallerContext> CreateAsync(TodoDashboardFactory factory, string? role)
        {
            // The data is made by an admin; the caller only reads and changes it.
            var adminEmail = ApiClientExtensions.NewEmail();
            var admin = await factory.CreateUserClientAsync(adminEmail, AppRoles.Admin);
            await admin.PostAsJsonAsync("/api/shares/generate", new { count = 5 });
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

            var browser = role is null
                ? factory.CreateBrowser()
                : await factory.CreateCookieClientAsync(role: role == AppRoles.Member ? null : role);
            var browserToken = await browser.PageTokenAsync(role is null ? "/Account/Login" : "/Account/Manage");

            var owner = role is null ? await factory.CreateUserClientAsync(ApiClientExtensions.NewEmail()) : client;
            var tokens = await factory.CreateClient().LoginAsync(email, ApiClientExtensions.Password);
            return new CallerContext
            {
                Client = client,
                Browser = browser,
                BrowserToken = browserToken,
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
                InstanceId = await InstanceIdAsync(factory),
            };
        }

        private static async Task<T> Id<T>(HttpResponseMessage response)
        {
            Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").Deserialize<T>()!;
        }

        private static async Task<string> InstanceIdAsync(TodoDashboardFactory factory) =>
            (await factory.Services.GetRequiredService<Quartz.ISchedulerFactory>().GetScheduler()).SchedulerInstanceId;

        private static async Task<string> UserIdAsync(TodoDashboardFactory factory, string email)
        {
            await using var scope = factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<TodoDashboard.Data.ApplicationUser>>();
            return (await users.FindByEmailAsync(email))!.Id;
        }
    }
}

/// <summary>The app with every setting on that maps an endpoint of the matrix's (<see cref="EndpointAuthorizationMatrixTests.EndpointSettings"/>).</summary>
public class EndpointMatrixFactory : TodoDashboardFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var setting in EndpointAuthorizationMatrixTests.EndpointSettings)
        {
            builder.UseSetting(setting, "true");
        }
    }
}
