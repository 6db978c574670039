using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using TodoDashboard.Components.Account;
using TodoDashboard.Data;
using TodoDashboard.Infrastructure.LiveUpdates;

namespace TodoDashboard.Infrastructure.Auth;

/// <summary>
/// ASP.NET Core Identity with two ways in: the cookie for the browser and a bearer token for scripts.
/// Every /api group except /api/auth requires one of the role policies (named as <see cref="AppRoles"/>), which accept either;
/// a signed-in user without the role gets a 403 problem naming it.
/// </summary>
public static class AuthSetup
{

    public static WebApplicationBuilder AddAppAuthentication(this WebApplicationBuilder builder)
    {
        var services = builder.Services;

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthentication().AddBearerToken(IdentityConstants.BearerScheme);

        var authorization = services.AddAuthorizationBuilder();
        foreach (var role in AppRoles.All)
        {
            authorization.AddPolicy(role, policy => policy
                .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme)
                .RequireAuthenticatedUser()
                .RequireRole(AppRoles.Granting(role)));
        }

        // A bare [Authorize] or RequireAuthorization() (the pages, Identity's /api/auth/manage) means a signed-in Member, by cookie or token.
        authorization.SetDefaultPolicy(new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme, IdentityConstants.BearerScheme)
            .RequireAuthenticatedUser()
            .RequireRole(AppRoles.Granting(AppRoles.Member))
            .Build());

        services.AddSingleton<IAuthorizationMiddlewareResultHandler, RoleProblemResultHandler>();
        services.AddSingleton<UserAccessCache>();
        services.AddHostedService(sp => sp.GetRequiredService<UserAccessCache>());
        services.AddPostgresChannel(UserAccessCache.Channel);
        services.AddScoped<IClaimsTransformation, UserAccessClaimsTransformation>();
        services.Configure<AuthOptions>(builder.Configuration.GetSection("Auth"));

        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = builder.Configuration.GetValue("Auth:MaxFailedAccessAttempts", 5);
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddDefaultTokenProviders()
            .AddApiEndpoints()
            // After AddApiEndpoints, which registers the plain SignInManager again (AddScoped, not TryAdd): the last one wins.
            .AddSignInManager<AppSignInManager>();

        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();

        // Keys in the database: every instance can read every other instance's cookies and tokens.
        services.AddDataProtection()
            .SetApplicationName("TodoDashboard")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            var permits = builder.Configuration.GetValue("Auth:LoginAttemptsPerMinute", 10);
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                IsLoginAttempt(context.Request)
                    ? RateLimitPartition.GetFixedWindowLimiter(
                        context.Connection.RemoteIpAddress?.ToString() ?? IPAddress.None.ToString(),
                        _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1) })
                    : RateLimitPartition.GetNoLimiter(string.Empty));
        });

        services.AddScoped<AdminAccounts>();
        services.AddHostedService<AccountSeeder>();
        return builder;
    }

    private static bool IsLoginAttempt(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.Equals("/api/auth/login", StringComparison.OrdinalIgnoreCase)
            || request.Path.Equals("/Account/Login", StringComparison.OrdinalIgnoreCase));

    public static WebApplication MapAuthEndpoints(this WebApplication app)
    {
        // Open to anyone (register, login, refresh), except /manage, which Identity maps behind its own RequireAuthorization().
        app.MapGroup("/api/auth")
            .WithTags("Auth")
            .MapIdentityApi<ApplicationUser>();
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
