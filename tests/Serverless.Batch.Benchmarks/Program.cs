using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Serverless.Batch.Benchmarks;
using Serverless.EndToEnd.Tests;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Projects;
using Serverless.Testing;

// A catalog of N products (--products N, default 100) rendered by one batch on the local stack (Azurite,
// cosmosdb-server): the function app and one render worker as processes with a run id of their own (database, task
// hub, queues), the products seeded straight into Cosmos (two selling points, a price, a photo each), rendered as a batch
// starts them by default: the built-in feature-list template, deliverable renders. --template oneline (a one-line script)
// and --preview (540 px, 15 fps) shrink the render to a second or two, which shows the orchestration's own cost at its
// largest share. One product is rendered first as a warm-up (JIT, leases), not measured. Once a share of the
// products is done (--kill-at 0.3; 0: never) the app is killed with SIGKILL and started again, as a crash would.
//   videos_per_hour_per_worker_core: videos done / batch wall time / the worker machine's cores.
//   orchestration overhead per video: see Overhead.Definition; from the app's task-hub timings (TaskHubTimings).
//   rendered_twice / lost: products with more than one rendered video in the batch / with none. Both must be 0.
//   CPU: the app's and the worker's CPU seconds (their own and their children's: espeak-ng, festival, ffmpeg) over
//   the batch, from /proc, beside wall time, as the machine is shared.
// Knobs: BATCH_BENCH_TIMEOUT_S (3600).
var output = Argument("--output") ?? Path.Combine(SourceTree.TryFindRoot() ?? Directory.GetCurrentDirectory(), "artifacts", "bench", "batch.json");
var productCount = int.TryParse(Argument("--products"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : Knob("BATCH_BENCH_PRODUCTS", 100);
var killAt = double.TryParse(Argument("--kill-at"), NumberStyles.Float, CultureInfo.InvariantCulture, out var k) ? k : 0.3;
var preview = args.Contains("--preview");
var templateKind = Argument("--template") ?? "builtin";
if (templateKind is not ("builtin" or "oneline"))
{
    Console.Error.WriteLine($"--template is builtin (the feature list, as a shop would start) or oneline, not '{templateKind}'");
    return 2;
}

using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(Knob("BATCH_BENCH_TIMEOUT_S", 3600)));

// The app's activity slots, as appsettings.Development.json has them; the overhead's slot waits are measured against them.
const int activitySlots = 2;
var runId = "batchbench" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
var storage = Environment.GetEnvironmentVariable("SERVERLESS_TEST_STORAGE") is { Length: > 0 } s ? s : "UseDevelopmentStorage=true";
var apiKey = "sk_bench_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
var userId = "user-" + runId;
var baseUrl = new Uri($"http://127.0.0.1:{FreePort()}");
var appEnvironment = new Dictionary<string, string>
{
    ["ASPNETCORE_ENVIRONMENT"] = "Development",
    ["DOTNET_ENVIRONMENT"] = "Development",
    ["Storage__ConnectionString"] = storage,
    ["Cosmos__Database"] = runId,
    ["Durable__TaskHub"] = runId,
    ["Auth__Jwt__SigningKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    ["Studio__PublicBaseUrl"] = baseUrl.ToString(),
    ["Studio__RenderQueue"] = "render-" + runId,
    ["Studio__ResultsQueue"] = "results-" + runId,
    ["Auth__ApiKeys__0__Key"] = apiKey,
    // A key of the configuration has no account: the operator plan, no quota or running-task cap, so the batch's own
    // bound (CatalogBatch:MaxParallelVideos) is what is measured.
    ["Auth__ApiKeys__0__UserId"] = userId,
    ["Durable__MaxConcurrentActivities"] = activitySlots.ToString(CultureInfo.InvariantCulture),
    // When each activity and orchestration episode ran: what the overhead is measured from.
    ["Logging__LogLevel__Serverless.TaskHub.Timings"] = "Debug",
};
var workerEnvironment = new Dictionary<string, string>
{
    ["DOTNET_ENVIRONMENT"] = "Development",
    ["ConnectionStrings__Storage"] = storage,
    ["Worker__Queue"] = "render-" + runId,
    ["Worker__ResultsQueue"] = "results-" + runId,
    ["Speech__VadModelPath"] = SourceTree.SileroVadModel(),
};

using var worker = HostProcess.Start("worker", SourceTree.Built("workers/Serverless.Worker", "Serverless.Worker.dll"), workerEnvironment);
var app = StartApp();
var appLogs = new List<string> { app.LogPath };
using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
await WaitHealthyAsync();
Console.WriteLine($"run {runId}: app {baseUrl} (log {app.LogPath}), worker log {worker.LogPath}; {productCount} products, template {templateKind}, preview {preview}");

var database = CatalogSeed.OpenDatabase(runId);
var templateId = templateKind == "builtin"
    ? "tpl_builtin_features_en"
    : (await DataAsync(await http.PostAsync("api/v1/templates", Json("""
        {"name": "bench", "locale": "en-US", "style": "comic",
         "body": "Scene: Shop, day\nNarrator: {{name}}{{#if price}}, only {{price}}{{/if}}.\n"}
        """)))).GetProperty("id").GetString()!;

var warmUp = await CatalogSeed.CreateAsync(database, storage, userId, [new SeedProduct("warm-up", "Warm-up product", 1m, "USD", Picture: true)]);
await RunBatchAsync(warmUp, progress: null);

var catalogId = await CatalogSeed.CreateAsync(database, storage, userId,
    Enumerable.Range(1, productCount).Select(i => new SeedProduct($"sku-{i:000}", $"Product {i}", 9.99m + i, "USD", Picture: true)).ToList());
var samples = new List<JsonObject>();
var cpuBefore = (App: ProcessCpu.Seconds(app.Id), Worker: ProcessCpu.Seconds(worker.Id));
var appCpuOfKilled = 0.0;
var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
string? killedAt = null;
var batch = await RunBatchAsync(catalogId, samples, async done =>
{
    if (killedAt is not null || killAt <= 0 || done < Math.Max(1, (int)(productCount * killAt)))
    {
        return;
    }

    appCpuOfKilled = ProcessCpu.Seconds(app.Id) - cpuBefore.App;
    app.Kill();
    killedAt = DateTimeOffset.UtcNow.ToString("O");
    Console.WriteLine($"killed the app (SIGKILL) with {done} of {productCount} done; starting it again");
    app.Dispose();
    app = StartApp();
    appLogs.Add(app.LogPath);
    cpuBefore.App = 0;
    await WaitHealthyAsync();
});
var appCpu = appCpuOfKilled + ProcessCpu.Seconds(app.Id) - cpuBefore.App;
var workerCpu = ProcessCpu.Seconds(worker.Id) - cpuBefore.Worker;
var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];

var wallSeconds = (batch.GetProperty("completed_at").GetDateTimeOffset() - batch.GetProperty("created_at").GetDateTimeOffset()).TotalSeconds;
var counts = batch.GetProperty("batch");
var done = counts.GetProperty("done").GetInt32();
var projects = new ProjectStore(database);
var videos = await new CatalogVideoStore(database).ListByCatalogAsync(userId, catalogId);
var renders = new BlobServiceClient(storage).GetBlobContainerClient("renders");
var renderSeconds = new Dictionary<string, double>();
var renderedTwice = 0;
var lost = 0;
foreach (var product in videos.GroupBy(v => v.Sku))
{
    var outputs = 0;
    foreach (var video in product)
    {
        await foreach (var blob in renders.GetBlobsAsync(new GetBlobsOptions { Prefix = $"{userId}/{video.ProjectId}/" }))
        {
            outputs += blob.Name.EndsWith(".mp4", StringComparison.Ordinal) ? 1 : 0;
        }

        if (video.Status == "completed" && (await projects.FindAsync(userId, video.ProjectId))?.Video?.RenderSeconds is { } seconds)
        {
            renderSeconds[video.VideoId] = seconds;
        }
    }

    renderedTwice += outputs > 1 ? 1 : 0;
    lost += product.Any(v => v.Status == "completed") ? 0 : 1;
}

lost += productCount - videos.Select(v => v.Sku).Distinct().Count();
if (done == 0 || renderSeconds.Count != done)
{
    throw new InvalidOperationException($"{done} videos done, {renderSeconds.Count} with the worker's render time: nothing to measure. Batch: {counts}");
}

var overhead = Overhead.Measure(appLogs, renderSeconds, killedAt is null ? null : DateTimeOffset.Parse(killedAt, CultureInfo.InvariantCulture), activitySlots);
var cores = Environment.ProcessorCount;
var meanRender = renderSeconds.Values.Average();
var results = new JsonObject
{
    ["products"] = productCount,
    ["videos_done"] = done,
    ["videos_failed"] = counts.GetProperty("failed").GetInt32(),
    ["rendered_twice"] = renderedTwice,
    ["lost"] = lost,
    ["app_killed_at"] = killedAt,
    ["template"] = templateKind == "builtin" ? $"{templateId} (built-in feature list: name, 2 selling points, price, call to action)" : "one line: name and price",
    ["preview"] = preview,
    ["configuration"] = SourceTree.Configuration,
    ["batch_wall_s"] = Round(wallSeconds),
    ["worker_cores"] = cores,
    ["videos_per_hour"] = Round(done / wallSeconds * 3600),
    ["videos_per_hour_per_worker_core"] = Round(done / wallSeconds * 3600 / cores),
    ["render_s_mean"] = Round(meanRender),
    ["render_s_p50"] = Round(Percentile(renderSeconds.Values, 0.5)),
    // The worker renders one job at a time: the share of the batch it spent rendering is what the rest left it.
    ["worker_rendering_percent_of_batch_wall"] = Round(renderSeconds.Values.Sum() / wallSeconds * 100),
    ["overhead"] = overhead.ToJson(meanRender),
    ["goal_overhead_percent_of_render"] = 5,
    ["cpu_s_app"] = Round(appCpu),
    ["cpu_s_worker"] = Round(workerCpu),
    ["cpu_s_app_per_video"] = Round(appCpu / done),
    ["cpu_s_worker_per_video"] = Round(workerCpu / done),
    ["load_average_1m_before_after"] = $"{loadBefore} / {loadAfter}",
    ["progress_samples"] = new JsonArray(samples.Where((_, i) => i % Math.Max(1, samples.Count / 60) == 0).Select(x => (JsonNode)x).ToArray()),
    ["progress_distinct_states"] = samples.Select(p => p.ToJsonString()[p.ToJsonString().IndexOf("done", StringComparison.Ordinal)..]).Distinct().Count(),
    ["note"] = "function app, render worker and emulators share the machine's cores with other users; wall times are noisy, CPU seconds less so",
};
app.Dispose();
await BenchmarkReport.WriteAsync(results, output);
return 0;

HostProcess StartApp() =>
    HostProcess.Start("functions", SourceTree.Built("functions/Serverless.Functions", "Serverless.Functions.dll"), appEnvironment, "--urls", baseUrl.ToString());

// Starts a batch of the whole catalog and polls its task every second until it ends; answers the ended task.
async Task<JsonElement> RunBatchAsync(string catalog, List<JsonObject>? progress, Func<int, Task>? onProgress = null)
{
    var started = await DataAsync(await http.PostAsync($"api/v1/catalogs/{catalog}/videos",
        Json($$"""{"template_id": "{{templateId}}", "preview": {{(preview ? "true" : "false")}}}""")));
    var taskId = started.GetProperty("task_id").GetString()!;
    var clock = Stopwatch.StartNew();
    while (true)
    {
        await Task.Delay(1000, deadline.Token);
        JsonElement task;
        try
        {
            task = await DataAsync(await http.GetAsync($"api/v1/tasks/{taskId}", deadline.Token));
        }
        catch (HttpRequestException) when (progress is not null)
        {
            // The app is starting again after the kill: the next poll finds it.
            progress.Add(new JsonObject { ["s"] = Round(clock.Elapsed.TotalSeconds), ["answer"] = "app down" });
            continue;
        }

        if (progress is not null && task.TryGetProperty("batch", out var b) && b.ValueKind == JsonValueKind.Object)
        {
            progress.Add(new JsonObject
            {
                ["s"] = Round(clock.Elapsed.TotalSeconds), ["done"] = b.GetProperty("done").GetInt32(), ["failed"] = b.GetProperty("failed").GetInt32(),
                ["running"] = b.GetProperty("running").GetInt32(), ["queued"] = b.GetProperty("queued").GetInt32(), ["progress"] = task.GetProperty("progress").GetInt32(),
            });
            Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s  {task.GetProperty("current_step").GetString()}");
            if (onProgress is not null)
            {
                await onProgress(b.GetProperty("done").GetInt32());
            }
        }

        switch (task.GetProperty("status").GetString())
        {
            case "completed":
                return task;
            case "failed" or "cancelled":
                throw new InvalidOperationException($"Batch {taskId} ended {task}");
        }
    }
}

async Task WaitHealthyAsync()
{
    var clock = Stopwatch.StartNew();
    while (clock.Elapsed < TimeSpan.FromSeconds(120))
    {
        if (app.HasExited)
        {
            throw new InvalidOperationException($"The function app exited at start; its log: {app.LogPath}");
        }

        try
        {
            if ((await http.GetAsync("api/healthz")).IsSuccessStatusCode)
            {
                return;
            }
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Not listening yet.
        }

        await Task.Delay(250);
    }

    throw new TimeoutException($"The function app did not answer /api/healthz within 120 s; its log: {app.LogPath}");
}

static async Task<JsonElement> DataAsync(HttpResponseMessage response)
{
    var body = await response.Content.ReadFromJsonAsync<JsonElement>();
    return response.IsSuccessStatusCode && body.GetProperty("code").GetInt32() == 0
        ? body.GetProperty("data").Clone()
        : throw new InvalidOperationException($"HTTP {(int)response.StatusCode}: {body}");
}

static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

string? Argument(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

static double Percentile(IEnumerable<double> values, double p)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
}

static int Knob(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

static double Round(double value) => Math.Round(value, 2);

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}

