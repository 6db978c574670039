using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using TodoDashboard.Data;

namespace TodoDashboard.Tests.Infrastructure.Auth;

/// <summary>
/// Login takes comparable time whether or not the email has an account: every attempt checks one password hash,
/// for an unknown email and a locked-out account too. Counted, not timed (timings belong in bench/).
/// </summary>
public class LoginHashingTests(LoginHashingTests.CountingFactory factory) : IClassFixture<LoginHashingTests.CountingFactory>
{
    [Fact]
    public async Task Every_failed_login_checks_one_password_hash_whether_or_not_the_account_exists_or_is_locked()
    {
        var client = factory.CreateClient();
        var email = ApiClientExtensions.NewEmail();
        (await client.PostAsJsonAsync("/api/auth/register", new { email, password = ApiClientExtensions.Password })).EnsureSuccessStatusCode();

        var unknown = await VerificationsDuringAsync(() => client.PostAsJsonAsync("/api/auth/login", new { email = ApiClientExtensions.NewEmail(), password = "Wrong-passphrase-1" }));
        var wrong = await VerificationsDuringAsync(() => client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-passphrase-1" }));
        for (var i = 0; i < 5; i++)
        {
            await client.PostAsJsonAsync("/api/auth/login", new { email, password = "Wrong-passphrase-1" });
        }

        var locked = await VerificationsDuringAsync(() => client.PostAsJsonAsync("/api/auth/login", new { email, password = ApiClientExtensions.Password }));

        Assert.Equal((1, 1, 1), (unknown, wrong, locked));
    }

    private async Task<int> VerificationsDuringAsync(Func<Task<HttpResponseMessage>> login)
    {
        var before = factory.Counter.Verifications;
        var response = await login();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return factory.Counter.Verifications - before;
    }

    public sealed class VerificationCounter
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public void Count() => Interlocked.Increment(ref _verifications);
    }

    public sealed class CountingFactory : TodoDashboardFactory
    {
        public VerificationCounter Counter { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddScoped<IPasswordHasher<ApplicationUser>>(_ => new CountingHasher(Counter)));
        }
    }

    private sealed class CountingHasher(VerificationCounter counter) : PasswordHasher<ApplicationUser>
    {
        public override PasswordVerificationResult VerifyHashedPassword(ApplicationUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
