using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Serverless.EndToEnd.Tests;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Projects;
using Serverless.Testing;

// A catalog of BATCH_BENCH_PRODUCTS (100) products rendered by one batch on the local stack (Azurite, cosmosdb-server):
// the function app and one render worker as processes with a run id of their own (database, task hub, queues), the
// products seeded straight into Cosmos, a one-line template, preview renders (BATCH_BENCH_PREVIEW=0 for the deliverable).
// One product is rendered first as a warm-up (JIT, leases), not measured.
//   videos_per_hour_per_worker_core: videos done / batch wall time / the worker machine's cores.
//   overhead_per_video_s: the worker's idle time over the batch (wall time - the worker's own render seconds, summed)
//   per video: what the orchestration (planning, starts, voices, hops, queues) adds around the renders. Goal: <= 5 %
//   of the mean render time.
// Knobs: BATCH_BENCH_PRODUCTS, BATCH_BENCH_PREVIEW, BATCH_BENCH_TIMEOUT_S (3600).
var output = (Array.IndexOf(args, "--output") is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null)
    ?? Path.Combine(SourceTree.TryFindRoot() ?? Directory.GetCurrentDirectory(), "artifacts", "bench", "batch.json");
var productCount = Knob("BATCH_BENCH_PRODUCTS", 100);
var preview = Environment.GetEnvironmentVariable("BATCH_BENCH_PREVIEW") != "0";
using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(Knob("BATCH_BENCH_TIMEOUT_S", 3600)));

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
using var app = HostProcess.Start("functions", SourceTree.Built("functions/Serverless.Functions", "Serverless.Functions.dll"), appEnvironment, "--urls", baseUrl.ToString());
using var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
await WaitHealthyAsync();
Console.WriteLine($"run {runId}: app {baseUrl} (log {app.LogPath}), worker log {worker.LogPath}; {productCount} products, preview {preview}");

var database = CatalogSeed.OpenDatabase(runId);
var template = await DataAsync(await http.PostAsync("api/v1/templates", Json("""
    {"name": "bench", "locale": "en-US", "style": "comic",
     "body": "Scene: Shop, day\nNarrator: {{name}}{{#if price}}, only {{price}}{{/if}}.\n"}
    """)));
var templateId = template.GetProperty("id").GetString()!;

var warmUp = await CatalogSeed.CreateAsync(database, storage, userId, [new SeedProduct("warm-up", "Warm-up product", 1m, "USD", Picture: true)]);
await RunBatchAsync(warmUp, progress: null);

var catalogId = await CatalogSeed.CreateAsync(database, storage, userId,
    Enumerable.Range(1, productCount).Select(i => new SeedProduct($"sku-{i:000}", $"Product {i}", 9.99m + i, "USD", Picture: true)).ToList());
var samples = new List<(double Seconds, int Done, int Failed, int Running)>();
var batch = await RunBatchAsync(catalogId, samples);

var wallSeconds = (batch.GetProperty("completed_at").GetDateTimeOffset() - batch.GetProperty("created_at").GetDateTimeOffset()).TotalSeconds;
var counts = batch.GetProperty("batch");
var done = counts.GetProperty("done").GetInt32();
var projects = new ProjectStore(database);
var renderSeconds = new List<double>();
foreach (var video in CatalogVideo.LatestPerProduct(await new CatalogVideoStore(database).ListByCatalogAsync(userId, catalogId)))
{
    if ((await projects.FindAsync(userId, video.ProjectId))?.Video?.RenderSeconds is { } seconds)
    {
        renderSeconds.Add(seconds);
    }
}

if (done == 0 || renderSeconds.Count != done)
{
    throw new InvalidOperationException($"{done} videos done, {renderSeconds.Count} with the worker's render time: nothing to measure. Batch: {counts}");
}

var cores = Environment.ProcessorCount;
var meanRender = renderSeconds.Average();
var overheadPerVideo = Math.Max(0, wallSeconds - renderSeconds.Sum()) / done;
var results = new JsonObject
{
    ["products"] = productCount,
    ["videos_done"] = done,
    ["videos_failed"] = counts.GetProperty("failed").GetInt32(),
    ["preview"] = preview,
    ["configuration"] = SourceTree.Configuration,
    ["batch_wall_s"] = Round(wallSeconds),
    ["worker_cores"] = cores,
    ["videos_per_hour"] = Round(done / wallSeconds * 3600),
    ["videos_per_hour_per_worker_core"] = Round(done / wallSeconds * 3600 / cores),
    ["render_s_mean"] = Round(meanRender),
    ["render_s_p50"] = Round(renderSeconds.Order().ElementAt(renderSeconds.Count / 2)),
    ["overhead_per_video_s"] = Round(overheadPerVideo),
    ["overhead_percent_of_render"] = Round(overheadPerVideo / meanRender * 100),
    ["goal_overhead_percent_of_render"] = 5,
    ["progress_samples"] = samples.Count,
    ["progress_distinct_states"] = samples.Select(p => (p.Done, p.Failed, p.Running)).Distinct().Count(),
    ["note"] = "function app, render worker and emulators share the machine's cores; the worker's idle time counts as overhead",
};
await BenchmarkReport.WriteAsync(results, output);
return;

// Starts a batch of the whole catalog and polls its task every second until it ends; answers the ended task.
async Task<JsonElement> RunBatchAsync(string catalog, List<(double Seconds, int Done, int Failed, int Running)>? progress)
{
    var started = await DataAsync(await http.PostAsync($"api/v1/catalogs/{catalog}/videos",
        Json($$"""{"template_id": "{{templateId}}", "preview": {{(preview ? "true" : "false")}}}""")));
    var taskId = started.GetProperty("task_id").GetString()!;
    var clock = Stopwatch.StartNew();
    while (true)
    {
        await Task.Delay(1000, deadline.Token);
        var task = await DataAsync(await http.GetAsync($"api/v1/tasks/{taskId}", deadline.Token));
        if (progress is not null && task.TryGetProperty("batch", out var b) && b.ValueKind == JsonValueKind.Object)
        {
            progress.Add((clock.Elapsed.TotalSeconds, b.GetProperty("done").GetInt32(), b.GetProperty("failed").GetInt32(), b.GetProperty("running").GetInt32()));
            Console.WriteLine($"{clock.Elapsed.TotalSeconds,6:F0} s  {task.GetProperty("current_step").GetString()}");
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

static int Knob(string name, int fallback) =>
    int.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;

static double Round(double value) => Math.Round(value, 2);

static int FreePort()
{
    using var listener = new TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
