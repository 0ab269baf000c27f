using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Playwright;
using Serverless.EndToEnd.Tests;
using Serverless.Testing;

namespace Serverless.Studio.Web.Tests;

/// <summary>
/// The function app (which serves the studio at <c>/</c>) and a render worker as real processes on the local stack,
/// each run with its own Cosmos database, task hub and queues, and one headless chromium (Debian's, through its
/// executable path: Playwright's browser download is not reachable here) for every test. The browser tests use it as
/// their collection fixture; the studio's benchmark (tests/Serverless.Studio.Benchmarks) starts it on its own.
/// </summary>
public sealed partial class StudioWebStack
{
    /// <summary>Debian's chromium; <c>infra/local/dev.sh setup</c> installs it. SERVERLESS_CHROMIUM names another.</summary>
    public static string ChromiumPath { get; } = Environment.GetEnvironmentVariable("SERVERLESS_CHROMIUM") ?? "/usr/bin/chromium";

    private readonly string _runId = "ui" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    private HostProcess? _app;
    private HostProcess? _worker;
    private IPlaywright? _playwright;

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>The app's footage job queue: no worker takes from it, so a test plays the footage worker on the wire.</summary>
    public string FootageQueue => $"footage-{_runId}";

    /// <summary>Where the workers answer the app.</summary>
    public string ResultsQueue => $"results-{_runId}";

    /// <summary>Where each test's screenshot goes: artifacts/ui/ under the repository.</summary>
    public static string Screenshots => SourceTree.File("artifacts", "ui");

    public async Task InitializeAsync()
    {
        await LocalStack.RequireAsync();
        Directory.CreateDirectory(Screenshots);
        _worker = HostProcess.Start("worker", RepositoryPaths.Worker, WorkerEnvironment());
        _app = HostProcess.Start("functions", RepositoryPaths.FunctionApp, AppEnvironment(), "--urls", BaseUrl.ToString());
        var browser = StartBrowserAsync();
        await WaitForAppAsync();
        Browser = await browser;
    }

    /// <summary>A fresh browser context (its own storage, so its own session) in the English locale unless told.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl.ToString(),
            Locale = locale,
            ViewportSize = new ViewportSize { Width = width, Height = height },
            AcceptDownloads = true,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (_playwright is not null)
        {
            if (Browser is not null)
            {
                await Browser.CloseAsync();
            }

            _playwright.Dispose();
        }

        _app?.Dispose();
        _worker?.Dispose();
    }

    private async Task<IBrowser> StartBrowserAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"chromium is not installed at {ChromiumPath}: run infra/local/dev.sh setup (apt-get install chromium).");
        }

        _playwright = await Playwright.CreateAsync();
        return await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--autoplay-policy=no-user-gesture-required", "--disable-dev-shm-usage"],
        });
    }

    private async Task WaitForAppAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_app!.HasExited)
            {
                throw new InvalidOperationException("The function app exited at start; see its log under " + Path.Combine(AppContext.BaseDirectory, "logs"));
            }

            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl, "/api/healthz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The function app did not answer /api/healthz at {BaseUrl} within 90 s.");
    }

    private Dictionary<string, string> AppEnvironment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Storage__ConnectionString"] = LocalStack.StorageConnectionString,
        ["Cosmos__Database"] = _runId,
        ["Durable__TaskHub"] = _runId,
        ["Auth__Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
        ["Studio__PublicBaseUrl"] = BaseUrl.ToString(),
        ["Studio__RenderQueue"] = $"render-{_runId}",
        ["Studio__ResultsQueue"] = ResultsQueue,
        ["Footage__JobQueue"] = FootageQueue,
        // The browser tests' new accounts work on the free plan at once; verification is tested by the API's SignUpAttackTests.
        ["Accounts__UnverifiedPlan"] = "free",
    };

    private Dictionary<string, string> WorkerEnvironment() => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Storage"] = LocalStack.StorageConnectionString,
        ["Worker__Queue"] = $"render-{_runId}",
        ["Worker__ResultsQueue"] = $"results-{_runId}",
        ["Speech__VadModelPath"] = SourceTree.SileroVadModel(),
    };

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
