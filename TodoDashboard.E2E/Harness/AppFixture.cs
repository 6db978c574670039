using TodoDashboard.E2E.Pages;

namespace TodoDashboard.E2E.Harness;

/// <summary>One app server, one database and one headless Chromium per test class.</summary>
#pragma warning disable CA1001 // xunit disposes fixtures through IAsyncLifetime.DisposeAsync.
public class AppFixture : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly IAppServer _app;

    protected IAppServer Server => _app;
    private readonly Lazy<Task<string>> _signedInState;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _cspViolations = new();
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public AppFixture() : this(adminEmail => new AppServerFactory(adminEmail))
    {
    }

    /// <param name="server">The app the browser talks to, given the email of the account to make an Admin.</param>
    protected AppFixture(Func<string, IAppServer> server)
    {
        _app = server(AdminEmail);
        _signedInState = new(RegisterSharedUserAsync);
    }

    /// <summary>The class's shared user, an Admin (Auth:Admins names it), so the panels' tests may do everything.</summary>
    public string AdminEmail { get; } = TestUsers.NewEmail();

    static AppFixture()
    {
        // The machine is shared and small: the first render of a page can take a few seconds.
        SetDefaultExpectTimeout(15_000);
    }

    public Uri BaseAddress { get; private set; } = default!;

    /// <summary>
    /// What a page of the app sends with a fetch() that changes something: its Origin. page.APIRequest shares the browser's
    /// cookie but sends no Origin, and the API refuses a write authenticated by the cookie that does not say where it comes from.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> SameOriginHeaders =>
        new Dictionary<string, string> { ["Origin"] = BaseAddress.GetLeftPart(UriPartial.Authority) };

    public string ScreenshotDirectory { get; } =
        Environment.GetEnvironmentVariable("E2E_SCREENSHOTS") is { Length: > 0 } directory
            ? directory
            : Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        BaseAddress = await _app.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            Headless = true,
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(ScreenshotDirectory);
    }

    /// <summary>
    /// The server by the name localhost rather than 127.0.0.1: WebAuthn takes no IP address as the site a passkey is for
    /// (its relying party id), and the app names the site as the request's host.
    /// </summary>
    public Uri LocalhostAddress => new UriBuilder(BaseAddress) { Host = "localhost" }.Uri;

    /// <summary>
    /// A page in a fresh browser context: signed out, or signed in as the class's shared user (an Admin), whose cookies
    /// are for <see cref="BaseAddress"/> (so <paramref name="baseAddress"/> is for a signed-out page); a laptop's width
    /// unless told (390 is a phone), in the system colour scheme given (light unless told).
    /// </summary>
    public async Task<IPage> NewPageAsync(bool signedIn = false, Uri? baseAddress = null, int width = 1366, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = (baseAddress ?? BaseAddress).ToString(),
            ViewportSize = new() { Width = width, Height = width < 600 ? 844 : 900 },
            ColorScheme = colorScheme,
            StorageState = signedIn ? await _signedInState.Value : null,
        });
        WatchContentSecurityPolicy(context);
        return await context.NewPageAsync();
    }

    /// <summary>
    /// What Chromium blocked under the app's Content-Security-Policy, on any page of this class's tests so far
    /// (it logs each to the console). The class fails on disposal when there are any.
    /// </summary>
    public IReadOnlyCollection<string> ContentSecurityPolicyViolations => _cspViolations;

    private void WatchContentSecurityPolicy(IBrowserContext context) =>
        context.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                _cspViolations.Enqueue($"{message.Page?.Url}: {message.Text}");
            }
        };

    /// <summary>A page in a fresh browser context, signed in as a newly registered account: a Member.</summary>
    public async Task<(IPage Page, string Email)> NewMemberPageAsync(Uri? baseAddress = null)
    {
        var page = await NewPageAsync(baseAddress: baseAddress);
        var email = TestUsers.NewEmail();
        var account = new AccountPages(page);
        await account.GotoRegisterAsync();
        await account.RegisterAsync(email, TestUsers.Password);
        return (page, email);
    }

    /// <summary>A full-page PNG; animations are fast-forwarded so a snackbar is not caught half faded in.</summary>
    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new()
        {
            Path = Path.Combine(ScreenshotDirectory, $"{name}.png"),
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
        });

    // One user per class, registered the first time a test asks for it; its cookies are reused after that.
    private async Task<string> RegisterSharedUserAsync()
    {
        var context = await _browser!.NewContextAsync(new() { BaseURL = BaseAddress.ToString() });
        WatchContentSecurityPolicy(context);
        var page = await context.NewPageAsync();
        var account = new AccountPages(page);
        await account.GotoRegisterAsync();
        await account.RegisterAsync(AdminEmail, TestUsers.Password);
        var state = await context.StorageStateAsync();
        await context.CloseAsync();
        return state;
    }

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.CloseAsync();
        }

        _playwright?.Dispose();
        await _app.DisposeAsync();
        if (!_cspViolations.IsEmpty)
        {
            throw new InvalidOperationException($"Content-Security-Policy violations:{Environment.NewLine}{string.Join(Environment.NewLine, _cspViolations)}");
        }
    }
}
