using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Serverless.Testing;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// The function app and a render worker as real processes on the local stack (Azurite and cosmosdb-server,
/// started by <c>infra/local/dev.sh test</c>). Each run gets its own task hub, database and queue, so runs
/// never see each other's work.
/// </summary>
public class StudioStack : IAsyncLifetime
{
    private readonly IReadOnlyDictionary<string, string> _appSettings;
    private readonly List<string> _workerLogs = [];

    private readonly string _runId = "e2e" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    // One key per stack, not per start: a render URL signed before a crash must still work after the restart,
    // as it does in Azure where the key comes from Key Vault.
    private readonly string _jwtSigningKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
    private HostProcess? _app;
    private HostProcess? _worker;

    public StudioStack()
        : this(new Dictionary<string, string>())
    {
    }

    /// <param name="appSettings">Settings of the function app beyond the stack's own, as environment variables.</param>
    protected StudioStack(IReadOnlyDictionary<string, string> appSettings) => _appSettings = appSettings;

    public string ApiKey { get; } = "sk_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public string OtherUserApiKey { get; } = "sk_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public Uri BaseUrl { get; } = new($"http://127.0.0.1:{FreePort()}");

    public StudioClient Client => new(BaseUrl, ApiKey, Downloads);

    public StudioClient OtherUser => new(BaseUrl, OtherUserApiKey, Downloads);

    /// <summary>The run's downloaded videos, deleted with the stack.</summary>
    public string Downloads => Path.Combine(Path.GetTempPath(), _runId);

    public string UserId => "user-" + _runId;

    /// <summary>The run's Cosmos database as the app reads it, for seeding what no API of the app writes yet.</summary>
    public Serverless.Studio.Storage.StudioDatabase OpenDatabase() => CatalogSeed.OpenDatabase(_runId);

    public async Task InitializeAsync()
    {
        await LocalStack.RequireAsync();
        StartWorker();
        await StartAppAsync();
    }

    /// <summary>Kills the function app with SIGKILL, mid-work, as a crash would.</summary>
    public void CrashApp() => _app!.Kill();

    /// <summary>Kills the render worker with SIGKILL, mid-job: its job message comes back after its lease runs out.</summary>
    public void CrashWorker() => _worker!.Kill();

    public void StartWorker()
    {
        _worker?.Dispose();
        _worker = HostProcess.Start("worker", RepositoryPaths.Worker, WorkerEnvironment());
        _workerLogs.Add(_worker.LogPath);
    }

    /// <summary>The log files of every worker this stack started, oldest first.</summary>
    public IReadOnlyList<string> WorkerLogs => _workerLogs;

    public async Task StartAppAsync()
    {
        _app?.Dispose();
        _app = HostProcess.Start("functions", RepositoryPaths.FunctionApp, AppEnvironment(), "--urls", BaseUrl.ToString());
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (_app.HasExited)
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
                // Not listening yet, or still starting on a busy machine.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The function app did not answer /api/healthz at {BaseUrl} within 90 s.");
    }

    public Task DisposeAsync()
    {
        _app?.Dispose();
        _worker?.Dispose();
        if (Directory.Exists(Downloads))
        {
            Directory.Delete(Downloads, recursive: true);
        }

        return Task.CompletedTask;
    }

    private Dictionary<string, string> AppEnvironment() => new(StackEnvironment().Concat(_appSettings));

    private Dictionary<string, string> StackEnvironment() => new()
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["Storage__ConnectionString"] = LocalStack.StorageConnectionString,
        ["Cosmos__Database"] = _runId,
        ["Durable__TaskHub"] = _runId,
        // A small host: two activities at once, so a video's fan-out lasts long enough to crash the app in the middle of it.
        ["Durable__MaxConcurrentActivities"] = "2",
        // The crash tests wait this long for a killed host's in-flight messages; the shortest the task hub allows.
        ["Durable__MessageVisibilityTimeout"] = "00:00:45",
        ["Auth__Jwt__SigningKey"] = _jwtSigningKey,
        ["Studio__PublicBaseUrl"] = BaseUrl.ToString(),
        ["Studio__RenderQueue"] = RenderQueue,
        ["Studio__ResultsQueue"] = ResultsQueue,
        ["Footage__JobQueue"] = FootageQueue,
        // The catalog refresh's timer every 2 s, so a test that uploads music sees it listed soon.
        ["Catalog__Schedule"] = "*/2 * * * * *",
        ["Auth__ApiKeys__0__Key"] = ApiKey,
        ["Auth__ApiKeys__0__UserId"] = UserId,
        ["Auth__ApiKeys__1__Key"] = OtherUserApiKey,
        ["Auth__ApiKeys__1__UserId"] = "other-" + _runId,
    };

    private Dictionary<string, string> WorkerEnvironment() => new()
    {
        ["DOTNET_ENVIRONMENT"] = "Development",
        ["ConnectionStrings__Storage"] = LocalStack.StorageConnectionString,
        ["Worker__Queue"] = RenderQueue,
        ["Worker__ResultsQueue"] = ResultsQueue,
        ["Worker__FootageQueue"] = FootageQueue,
        // A job whose worker was killed comes back after this, not after the default two minutes.
        ["Worker__Visibility"] = "00:00:20",
        // The Silero VAD model as dev.sh setup installs it; the models container is not seeded here.
        ["Speech__VadModelPath"] = SourceTree.SileroVadModel(),
    };

    private string RenderQueue => $"render-{_runId}";

    private string ResultsQueue => $"results-{_runId}";

    private string FootageQueue => $"footage-{_runId}";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class StudioStackCollection : ICollectionFixture<StudioStack>
{
    public const string Name = "studio stack";
}
