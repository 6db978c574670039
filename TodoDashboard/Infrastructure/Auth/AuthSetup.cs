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
                // Length, not composition (ASVS 2.1.1, 2.1.9); PasswordPolicyValidator refuses common ones and caps the length.
                options.Password.RequiredLength = PasswordPolicyValidator.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                // Version 3 adds the passkeys table (see AppDbContext.IdentitySchemaVersion).
                options.Stores.SchemaVersion = AppDbContext.IdentitySchemaVersion;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddUserManager<AppUserManager>()
            .AddPasswordValidator<PasswordPolicyValidator>()
            .AddDefaultTokenProviders()
            .AddApiEndpoints()
            // After AddApiEndpoints, which registers the plain SignInManager again (AddScoped, not TryAdd): the last one wins.
            .AddSignInManager<AppSignInManager>();

        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();
        // Signing in with a passkey names no account (see PasskeyRequestOptionsAsync), so each passkey must be one the browser can offer by itself.
        services.Configure<IdentityPasskeyOptions>(options => options.ResidentKeyRequirement = "required");

        // Keys in the database: every instance can read every other instance's cookies and tokens.
        services.AddDataProtection()
            .SetApplicationName("TodoDashboard")
            .PersistKeysToDbContext<AppDbContext>();

        services.AddAuthRateLimits(builder.Configuration);
        services.AddAppForwardedHeaders(builder.Configuration);
        services.AddSingleton<RefreshTokenStore>();

        services.AddScoped<AdminAccounts>();
        services.AddHostedService<StartupAccountLoader>();
        return builder;
    }

    public static WebApplication MapAuthEndpoints(this WebApplication app)
    {
        app.MapAuthApi();
        app.MapAdditionalIdentityEndpoints();
        return app;
    }
}
