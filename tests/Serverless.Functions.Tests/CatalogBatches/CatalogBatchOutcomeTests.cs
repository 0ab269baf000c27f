using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.ProductCatalogs;

namespace Serverless.Functions.Tests.CatalogBatches;

/// <summary>The app with the engine running and two product videos of a batch at once.</summary>
public sealed class CatalogBatchAppFactory : StudioAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("CatalogBatch:MaxParallelVideos", "2");
        builder.UseSetting("Auth:RateLimit:TokenLimit", "100000");
        builder.UseSetting("Auth:RateLimit:TokensPerPeriod", "1000");
    }
}

/// <summary>
/// How a batch ends when products fail or its owner cancels it. The test is the render worker: it takes the app's
/// render jobs off its queue and answers them on the results queue as the worker does, failing every job of a chosen
/// product (the seam that makes a product fail every time) or holding jobs unanswered.
/// </summary>
public sealed class CatalogBatchOutcomeTests(CatalogBatchAppFactory app) : IClassFixture<CatalogBatchAppFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(4);

    private const string Template = """
        {"name": "one line", "locale": "en-US", "style": "comic",
         "body": "Scene: Shop, day\nNarrator: {{name}}, only {{price}}.\n"}
        """;

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_product_that_fails_is_tried_again_then_reported_and_the_batch_goes_on()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var catalogId = await CatalogAsync(user, ["LAMP-1", "KETTLE-2", "MUG-3"]);
        await using var worker = new RenderWorker(app, user.UserId, catalogId, failSku: "KETTLE-2", answer: true);

        var taskId = await StartBatchAsync(user, catalogId);
        var task = await WaitForTaskAsync(user, taskId, t => t.GetProperty("status").GetString() is "completed" or "failed" or "cancelled");

        Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());
        var batch = task.GetProperty("batch");
        Assert.Equal((3, 2, 1, 0, 0), (batch.GetProperty("total").GetInt32(), batch.GetProperty("done").GetInt32(), batch.GetProperty("failed").GetInt32(),
            batch.GetProperty("queued").GetInt32(), batch.GetProperty("running").GetInt32()));
        var failure = Assert.Single(batch.GetProperty("failures").EnumerateArray());
        Assert.Equal("KETTLE-2", failure.GetProperty("sku").GetString());
        Assert.StartsWith("failed 2 times", failure.GetProperty("reason").GetString());
        Assert.Contains(RenderWorker.FailureMessage, failure.GetProperty("reason").GetString());

        // Tried twice under two ids; the others rendered once each.
        Assert.Equal(2, worker.JobsOf("KETTLE-2").Distinct().Count());
        Assert.Single(worker.JobsOf("LAMP-1"));
        Assert.Single(worker.JobsOf("MUG-3"));
        var latest = CatalogVideo.LatestPerProduct(await app.Services.GetRequiredService<CatalogVideoStore>().ListByCatalogAsync(user.UserId, catalogId))
            .ToDictionary(v => v.Sku, v => v.Status);
        Assert.Equal(new Dictionary<string, string> { ["LAMP-1"] = "completed", ["KETTLE-2"] = "failed", ["MUG-3"] = "completed" }, latest);
    }

    [Fact]
    public async Task Cancelling_a_batch_stops_its_queued_products_and_ends_the_task_cancelled()
    {
        var user = await ApiClient.RegisterAsync(_client);
        string[] skus = ["A-1", "B-2", "C-3", "D-4", "E-5"];
        var catalogId = await CatalogAsync(user, skus);
        // Jobs are taken and never answered: the first two products stay rendering, the other three queued.
        await using var worker = new RenderWorker(app, user.UserId, catalogId, failSku: null, answer: false);

        var taskId = await StartBatchAsync(user, catalogId);
        await WaitForTaskAsync(user, taskId, t => worker.Jobs.Count == 2
            && t.TryGetProperty("batch", out var b) && b.ValueKind == JsonValueKind.Object && b.GetProperty("running").GetInt32() == 2);

        var cancelled = await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/tasks/{taskId}/cancel", null, HttpStatusCode.OK);
        Assert.Equal("cancelled", cancelled.GetProperty("data").GetProperty("status").GetString());

        // Long enough for a batch still running to have started a queued product (each start is a few task-hub hops).
        await Task.Delay(TimeSpan.FromSeconds(10));
        var task = await WaitForTaskAsync(user, taskId, t => t.GetProperty("status").GetString() != "running");
        Assert.Equal("cancelled", task.GetProperty("status").GetString());
        Assert.Equal(2, worker.Jobs.Count);

        var videos = await app.Services.GetRequiredService<CatalogVideoStore>().ListByCatalogAsync(user.UserId, catalogId);
        Assert.Equal(2, videos.Count);
        Assert.All(videos, v => Assert.Equal("cancelled", v.Status));
        foreach (var video in videos)
        {
            var productTask = await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/tasks/{video.VideoId}", null, HttpStatusCode.OK);
            Assert.Equal("cancelled", productTask.GetProperty("data").GetProperty("status").GetString());
        }
    }

    private async Task<string> CatalogAsync(TestUser user, string[] skus)
    {
        var catalogId = (await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/catalogs", new { name = "batch" }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;
        var import = ApiClient.Bearer(HttpMethod.Post, $"/api/v1/catalogs/{catalogId}/import", user.AccessToken);
        import.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("sku,name,price,currency\n" + string.Concat(skus.Select((s, i) => $"{s},Product {s},{i + 1},USD\n"))));
        import.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        Assert.Equal(skus.Length, (await ApiClient.ExpectAsync(await _client.SendAsync(import), HttpStatusCode.OK, 0)).GetProperty("data").GetProperty("accepted").GetInt32());
        return catalogId;
    }

    private async Task<string> StartBatchAsync(TestUser user, string catalogId)
    {
        var templateRequest = ApiClient.Bearer(HttpMethod.Post, "/api/v1/templates", user.AccessToken);
        templateRequest.Content = new StringContent(Template, Encoding.UTF8, "application/json");
        var templateId = (await ApiClient.ExpectAsync(await _client.SendAsync(templateRequest), HttpStatusCode.Created, 0)).GetProperty("data").GetProperty("id").GetString()!;
        var started = await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/catalogs/{catalogId}/videos",
            new { template_id = templateId, preview = true }, HttpStatusCode.Accepted);
        return started.GetProperty("data").GetProperty("task_id").GetString()!;
    }

    private async Task<JsonElement> WaitForTaskAsync(TestUser user, string taskId, Func<JsonElement, bool> reached)
    {
        var clock = Stopwatch.StartNew();
        JsonElement task = default;
        while (clock.Elapsed < Patience)
        {
            task = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/tasks/{taskId}", null, HttpStatusCode.OK)).GetProperty("data");
            if (reached(task))
            {
                return task;
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"batch {taskId} did not get there: {task}");
    }

    /// <summary>
    /// The render worker for one catalog: each job taken is recorded by its product, and answered as the worker
    /// answers (a success, or a failure for <c>failSku</c>), or not at all.
    /// </summary>
    private sealed class RenderWorker : IAsyncDisposable
    {
        public const string FailureMessage = "ffmpeg exited with code 1 (test)";

        private readonly ConcurrentQueue<(string Sku, string JobId)> _jobs = new();
        private readonly RenderWorkerStandIn _worker;

        public RenderWorker(StudioAppFactory app, string userId, string catalogId, string? failSku, bool answer)
        {
            var videos = app.Services.GetRequiredService<CatalogVideoStore>();
            _worker = new RenderWorkerStandIn(app, userId, async job =>
            {
                var video = (await videos.ListByCatalogAsync(userId, catalogId)).Single(v => v.ProjectId == job.ProjectId);
                _jobs.Enqueue((video.Sku, job.JobId));
                return !answer ? null
                    : video.Sku == failSku ? new RenderCompleted { JobId = job.JobId, Succeeded = false, Error = FailureMessage }
                    : RenderWorkerStandIn.Succeeded(job);
            });
        }

        public IReadOnlyCollection<(string Sku, string JobId)> Jobs => _jobs.ToArray();

        public IEnumerable<string> JobsOf(string sku) => _jobs.Where(j => j.Sku == sku).Select(j => j.JobId);

        public ValueTask DisposeAsync() => _worker.DisposeAsync();
    }
}
