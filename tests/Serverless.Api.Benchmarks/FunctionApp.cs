using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Serverless.Testing;

namespace Serverless.Api.Benchmarks;

/// <summary>
/// The built function app as its own process on the local stack, with a fresh API key, Cosmos database and task
/// hub, so a run never sees another's data.
/// </summary>
internal sealed class FunctionApp : IAsyncDisposable
{
    private readonly Process _process;
    private long _peakWorkingSet;

    private FunctionApp(Process process, Uri baseUrl, string apiKey)
    {
        _process = process;
        BaseUrl = baseUrl;
        ApiKey = apiKey;
    }

    public Uri BaseUrl { get; }

    public string ApiKey { get; }

    public long PeakWorkingSetBytes
    {
        get
        {
            _process.Refresh();
            return Math.Max(_peakWorkingSet, _process.HasExited ? 0 : _process.PeakWorkingSet64);
        }
    }

    public static async Task<FunctionApp> StartAsync()
    {
        // The app is built alongside this benchmark, in the same configuration.
        var dll = SourceTree.Built("functions/Serverless.Functions", "Serverless.Functions.dll");

        var runId = "apibench" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var apiKey = "sk_bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
        var storage = Environment.GetEnvironmentVariable("SERVERLESS_TEST_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(baseUrl.ToString());
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["DOTNET_ENVIRONMENT"] = "Development";
        info.Environment["Storage__ConnectionString"] = storage;
        info.Environment["Cosmos__Database"] = runId;
        info.Environment["Durable__TaskHub"] = runId;
        info.Environment["Auth__Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        info.Environment["Studio__PublicBaseUrl"] = baseUrl.ToString();
        info.Environment["Studio__RenderQueue"] = "render-" + runId;
        info.Environment["Studio__ResultsQueue"] = "results-" + runId;
        info.Environment["Auth__ApiKeys__0__Key"] = apiKey;
        info.Environment["Auth__ApiKeys__0__UserId"] = "user-" + runId;

        var log = Path.Combine(Path.GetTempPath(), $"{runId}-functions.log");
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the function app.");
        var writer = new StreamWriter(log) { AutoFlush = true };
        process.OutputDataReceived += (_, e) => Append(writer, e.Data);
        process.ErrorDataReceived += (_, e) => Append(writer, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new FunctionApp(process, baseUrl, apiKey);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The function app exited at start; its log: {log}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(baseUrl, "/api/healthz"))).IsSuccessStatusCode)
                {
                    Console.WriteLine($"function app at {baseUrl} (log {log})");
                    return app;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        await app.DisposeAsync();
        throw new TimeoutException($"The function app did not answer /api/healthz within 90 s; its log: {log}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Refresh();
            _peakWorkingSet = Math.Max(_peakWorkingSet, _process.PeakWorkingSet64);
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Append(StreamWriter writer, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (writer)
        {
            writer.WriteLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
