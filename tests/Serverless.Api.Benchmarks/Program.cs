using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.Api.Benchmarks;
using Serverless.Testing;

// Throughput and latency of GET /api/v1/tasks/{id} on the function app started as a real process on the local
// stack (Azurite, cosmosdb-server), loaded by 64 concurrent connections after a warm-up.
// Usage (infra/local/dev.sh bench api): dotnet run -c Release --project tests/Serverless.Api.Benchmarks -- [--output FILE]
//   [--connections 64] [--warmup 5] [--duration 20]
var output = Option("--output") ?? Path.Combine((SourceTree.TryFindRoot() ?? Directory.GetCurrentDirectory()), "artifacts", "bench", "api.json");
var connections = int.Parse(Option("--connections") ?? "64", CultureInfo.InvariantCulture);
var warmup = TimeSpan.FromSeconds(double.Parse(Option("--warmup") ?? "5", CultureInfo.InvariantCulture));
var duration = TimeSpan.FromSeconds(double.Parse(Option("--duration") ?? "20", CultureInfo.InvariantCulture));

await using var app = await FunctionApp.StartAsync();
using var http = new HttpClient(new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseCookies = false,
})
{ BaseAddress = app.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Add("X-Api-Key", app.ApiKey);

var taskId = await CreateTaskAsync(http);
var path = $"api/v1/tasks/{taskId}";
Console.WriteLine($"task {taskId}; {connections} connections, {warmup.TotalSeconds:F0} s warm-up, {duration.TotalSeconds:F0} s measured");

await LoadAsync(http, path, connections, warmup);
var measured = await LoadAsync(http, path, connections, duration);
if (measured.Failures > 0)
{
    throw new InvalidOperationException($"{measured.Failures} of {measured.Latencies.Count + measured.Failures} requests failed (first: {measured.FirstFailure}).");
}

var latencies = measured.Latencies.Order().ToArray();
var results = new JsonObject
{
    ["requests_per_s"] = Round(latencies.Length / measured.Elapsed.TotalSeconds),
    ["p50_ms"] = Round(Percentile(latencies, 50)),
    ["p90_ms"] = Round(Percentile(latencies, 90)),
    ["p99_ms"] = Round(Percentile(latencies, 99)),
    ["max_ms"] = Round(latencies[^1]),
    ["requests"] = latencies.Length,
    ["connections"] = connections,
    ["duration_s"] = Round(measured.Elapsed.TotalSeconds),
    ["app_peak_rss_mb"] = Round(app.PeakWorkingSetBytes / (1024.0 * 1024.0)),
    ["goal_requests_per_s"] = 2000,
    ["goal_p99_ms"] = 50,
};

await BenchmarkReport.WriteAsync(results, output);
return 0;

// A task that stays put while measured: it waits for storyboard approval, so the pipeline draws and records
// nothing meanwhile and the app's only work is answering the load.
static async Task<string> CreateTaskAsync(HttpClient http)
{
    var created = await http.PostAsJsonAsync("api/v1/videos", new Dictionary<string, object>
    {
        ["script"] = "小明：你好。\n小红：你好，今天天气不错。",
        ["style"] = "anime",
        ["aspect_ratio"] = "9:16",
        ["approval_required"] = true,
    });
    var body = await created.Content.ReadFromJsonAsync<JsonElement>();
    if (created.StatusCode != HttpStatusCode.Accepted)
    {
        throw new InvalidOperationException($"Creating the video answered {(int)created.StatusCode}: {body}");
    }

    var taskId = body.GetProperty("data").GetProperty("task_id").GetString()!;
    var deadline = Stopwatch.StartNew();
    while (deadline.Elapsed < TimeSpan.FromSeconds(120))
    {
        var task = (await http.GetFromJsonAsync<JsonElement>($"api/v1/tasks/{taskId}")).GetProperty("data");
        var status = task.GetProperty("status").GetString();
        if (status is "awaiting_approval" or "completed" or "failed")
        {
            Console.WriteLine($"task {taskId} is {status}");
            return taskId;
        }

        await Task.Delay(250);
    }

    throw new TimeoutException($"Task {taskId} did not reach the storyboard approval within 120 s.");
}

static async Task<LoadResult> LoadAsync(HttpClient http, string path, int connections, TimeSpan duration)
{
    var clock = Stopwatch.StartNew();
    var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
    {
        var latencies = new List<double>(capacity: 16_384);
        var failures = 0;
        string? firstFailure = null;
        while (clock.Elapsed < duration)
        {
            var started = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.StatusCode == HttpStatusCode.OK)
            {
                latencies.Add(elapsed);
            }
            else
            {
                failures++;
                firstFailure ??= $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
            }
        }

        return (latencies, failures, firstFailure);
    })).ToList();
    var done = await Task.WhenAll(workers);
    return new LoadResult(
        done.SelectMany(d => d.latencies).ToList(),
        done.Sum(d => d.failures),
        done.Select(d => d.firstFailure).FirstOrDefault(f => f is not null),
        clock.Elapsed);
}

static double Percentile(double[] sorted, double percentile) =>
    sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

static double Round(double value) => Math.Round(value, 2);

string? Option(string name)
{
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}

internal sealed record LoadResult(List<double> Latencies, int Failures, string? FirstFailure, TimeSpan Elapsed);
