using System.Text.Json;
using Azure.Storage.Blobs;
using Serverless.Studio.ProductCatalogs;
using Serverless.Studio.Storage;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// A catalog to videos on the real stack: one video per product, a price change re-renders exactly that product, and a
/// SIGKILL of the app mid-batch loses no product and renders none twice. Templates are one line and renders previews,
/// to keep the run short.
/// </summary>
[Collection(StudioStackCollection.Name)]
public sealed class CatalogBatchTests(StudioStack stack)
{
    private const string Template = """
        {"name": "one line", "locale": "en-US", "style": "comic",
         "body": "Scene: Shop, day\nNarrator: {{name}}{{#if price}}, only {{price}}{{/if}}.\n"}
        """;

    [Fact]
    public async Task A_template_with_an_unknown_variable_is_refused_with_its_line_and_column()
    {
        var response = await stack.Client.PostJsonAsync("api/v1/templates",
            """{"name": "bad", "locale": "zh-CN", "body": "场景:店内,白天\n旁白: {{name}}只要{{prcie}}"}""");

        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(400, (int)response.StatusCode);
        Assert.Equal(10002, body.GetProperty("code").GetInt32());
        var error = body.GetProperty("error");
        Assert.Equal(("body", 2, 17), (error.GetProperty("field").GetString(), error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));
        Assert.StartsWith("unknown_variable", error.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Each_good_product_gets_one_video_and_a_price_change_re_renders_exactly_that_product()
    {
        var catalog = await SeedCatalogAsync(
            new SeedProduct("kettle-1", "电水壶 Pro", 199m, "CNY", Picture: true),
            new SeedProduct("lamp-2", "Desk lamp", 24.5m, "USD", Picture: false),
            new SeedProduct("mug-3", "Travel mug", null, "", Picture: false),
            // A name longer than a screenplay line may be: refused, reported, and the batch goes on.
            new SeedProduct("long-4", new string('长', 600), 5m, "CNY", Picture: false));
        var templateId = await CreateTemplateAsync();

        var batch = await RunBatchAsync($"api/v1/catalogs/{catalog.Id}/videos", $$"""{"template_id": "{{templateId}}", "preview": true}""");
        Assert.Equal((4, 3, 1), (batch.GetProperty("total").GetInt32(), batch.GetProperty("done").GetInt32(), batch.GetProperty("failed").GetInt32()));
        var failure = Assert.Single(batch.GetProperty("failures").EnumerateArray());
        Assert.Equal("long-4", failure.GetProperty("sku").GetString());
        Assert.Contains("max_line_characters", failure.GetProperty("reason").GetString());

        var first = await LatestVideosAsync(catalog.Id);
        Assert.Equal(["kettle-1", "lamp-2", "mug-3"], first.Keys.Order());
        foreach (var video in first.Values)
        {
            Assert.Equal("completed", video.GetProperty("status").GetString());
            Assert.NotNull(video.GetProperty("rendered_at").GetString());
        }

        // The list's own link serves the video.
        var path = Path.Combine(Directory.CreateDirectory(stack.Downloads).FullName, "kettle-1.mp4");
        using (var anonymous = new HttpClient())
        {
            await File.WriteAllBytesAsync(path, await anonymous.GetByteArrayAsync(first["kettle-1"].GetProperty("download_url").GetString()));
        }

        var info = await MediaProbe.ProbeAsync(path);
        Assert.Equal(("h264", "aac"), (info.VideoCodec, info.AudioCodec));

        // Only the lamp's price changes; a refresh finds it alone stale.
        await catalog.ChangePriceAsync("lamp-2", 19.99m);
        var refresh = await RunBatchAsync($"api/v1/catalogs/{catalog.Id}/refresh", "");
        Assert.Equal((1, 1, 2), (refresh.GetProperty("total").GetInt32(), refresh.GetProperty("done").GetInt32(), refresh.GetProperty("up_to_date").GetInt32()));

        var second = await LatestVideosAsync(catalog.Id);
        Assert.NotEqual(first["lamp-2"].GetProperty("video_id").GetString(), second["lamp-2"].GetProperty("video_id").GetString());
        Assert.NotEqual(first["lamp-2"].GetProperty("content_hash").GetString(), second["lamp-2"].GetProperty("content_hash").GetString());
        foreach (var sku in new[] { "kettle-1", "mug-3" })
        {
            Assert.Equal(first[sku].GetProperty("video_id").GetString(), second[sku].GetProperty("video_id").GetString());
        }

        // Nothing changed since: a second refresh renders nothing.
        var idle = await RunBatchAsync($"api/v1/catalogs/{catalog.Id}/refresh", "");
        Assert.Equal((0, 3), (idle.GetProperty("total").GetInt32(), idle.GetProperty("up_to_date").GetInt32()));
    }

    [Fact]
    public async Task A_batch_survives_a_SIGKILL_of_the_app_and_renders_each_product_once()
    {
        var catalog = await SeedCatalogAsync(Enumerable.Range(1, 4).Select(i => new SeedProduct($"sku-{i}", $"Product {i}", 10m * i, "USD", Picture: false)).ToArray());
        var templateId = await CreateTemplateAsync();
        var started = await stack.Client.DataAsync(await stack.Client.PostJsonAsync(
            $"api/v1/catalogs/{catalog.Id}/videos", $$"""{"template_id": "{{templateId}}", "preview": true}"""));
        var taskId = started.GetProperty("task_id").GetString()!;

        // Crash once a product video is under way: the batch is mid fan-out.
        await stack.Client.WaitForTaskAsync(taskId, TimeSpan.FromMinutes(3),
            t => t.TryGetProperty("batch", out var b) && b.ValueKind == JsonValueKind.Object && b.GetProperty("running").GetInt32() > 0);
        stack.CrashApp();
        await stack.StartAppAsync();

        var task = await stack.Client.WaitForTaskAsync(taskId, TimeSpan.FromMinutes(8));
        Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());
        Assert.Equal(4, task.GetProperty("batch").GetProperty("done").GetInt32());

        var renders = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient("renders");
        foreach (var video in (await LatestVideosAsync(catalog.Id)).Values)
        {
            Assert.Equal("completed", video.GetProperty("status").GetString());
            var outputs = new List<string>();
            await foreach (var blob in renders.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{stack.UserId}/{video.GetProperty("project_id").GetString()}/" }))
            {
                if (blob.Name.EndsWith(".mp4", StringComparison.Ordinal))
                {
                    outputs.Add(blob.Name);
                }
            }

            Assert.Single(outputs);
        }

        var all = await catalog.Videos.ListByCatalogAsync(stack.UserId, catalog.Id);
        Assert.Equal(4, all.Count);
    }

    private async Task<string> CreateTemplateAsync() =>
        (await stack.Client.DataAsync(await stack.Client.PostJsonAsync("api/v1/templates", Template))).GetProperty("id").GetString()!;

    /// <summary>Starts a batch, waits for it to end, and answers its counts.</summary>
    private async Task<JsonElement> RunBatchAsync(string path, string body)
    {
        var started = await stack.Client.DataAsync(await stack.Client.PostJsonAsync(path, body));
        var task = await stack.Client.WaitForTaskAsync(started.GetProperty("task_id").GetString()!, TimeSpan.FromMinutes(6));
        Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());
        return task.GetProperty("batch");
    }

    private async Task<Dictionary<string, JsonElement>> LatestVideosAsync(string catalogId)
    {
        var page = await stack.Client.DataAsync(await stack.Client.GetAsync($"api/v1/catalogs/{catalogId}/videos"));
        return page.GetProperty("items").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!, v => v.Clone());
    }

    private async Task<SeededCatalog> SeedCatalogAsync(params SeedProduct[] products)
    {
        var database = stack.OpenDatabase();
        var id = await CatalogSeed.CreateAsync(database, LocalStack.StorageConnectionString, stack.UserId, products);
        return new SeededCatalog(id, stack.UserId, database);
    }

    private sealed record SeededCatalog(string Id, string UserId, StudioDatabase Database)
    {
        public CatalogVideoStore Videos => new(Database);

        public Task ChangePriceAsync(string sku, decimal price) => CatalogSeed.ChangePriceAsync(Database, UserId, Id, sku, price);
    }
}
