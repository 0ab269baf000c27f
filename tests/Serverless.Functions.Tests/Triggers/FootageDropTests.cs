using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Studio.Footage;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.Tests.Triggers;

/// <summary>
/// Footage dropped into the incoming footage container becomes a footage under analysis, once per blob version, as
/// an upload through the API would; refusals are on the owner's upload receipts. The worker does not run: the
/// analysis job is only queued.
/// </summary>
public sealed class FootageDropTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_dropped_video_becomes_one_footage_under_analysis_however_often_it_is_delivered()
    {
        var run = new TriggerRun();
        var container = await ContainerAsync(run);
        var name = $"{run.UserA}/launch talk.mp4";
        await container.UploadBlobAsync(name, BinaryData.FromBytes(new byte[1500]));

        await using var app = new TriggerAppFactory(run, poll: true);
        var owner = app.ClientFor(run.KeyA);
        var receipt = Assert.Single(await WaitForReceiptsAsync(owner, 1));
        Assert.Equal(("started", name), (receipt.GetProperty("status").GetString(), receipt.GetProperty("blob").GetString()));
        var footageId = receipt.GetProperty("project_id").GetString()!;
        var taskId = receipt.GetProperty("task_id").GetString()!;

        var footage = (await owner.GetFromJsonAsync<JsonElement>($"/api/v1/footage/{footageId}")).GetProperty("data");
        Assert.Equal(("analyzing", taskId, 1500L), (footage.GetProperty("status").GetString(), footage.GetProperty("task_id").GetString(), footage.GetProperty("size_bytes").GetInt64()));
        Assert.Equal("launch talk.mp4", footage.GetProperty("file_name").GetString());
        var task = (await owner.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{taskId}")).GetProperty("data");
        Assert.Equal(taskId, task.GetProperty("task_id").GetString());
        var stranger = await app.ClientFor(run.KeyB).GetAsync($"/api/v1/footage/{footageId}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, stranger.StatusCode);

        // Delivered again (Event Grid retries, a second host, the poller after a restart): the receipt answers.
        var processor = app.Services.GetRequiredService<IncomingFootageProcessor>();
        var again = await processor.ProcessAsync(name);
        Assert.Equal((UploadStatus.Started, footageId, taskId), (again!.Status, again.ProjectId, again.TaskId));
        await Task.Delay(TimeSpan.FromSeconds(1)); // several passes of the poller over the same blob
        Assert.Single(await ReceiptsAsync(owner));
        var analyses = new List<string>();
        await foreach (var instance in app.Services.GetRequiredService<DurableTaskClient>().GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = taskId[..^6] }))
        {
            analyses.Add(instance.InstanceId);
        }

        Assert.Equal([taskId], analyses);
    }

    [Fact]
    public async Task A_file_dropped_again_under_the_same_name_is_a_new_footage_and_leaves_the_earlier_ones_file_alone()
    {
        var run = new TriggerRun();
        var container = await ContainerAsync(run);
        var name = $"{run.UserA}/daily.mp4";
        var first = Enumerable.Repeat((byte)1, 1200).ToArray();
        var second = Enumerable.Repeat((byte)2, 1300).ToArray();
        await container.UploadBlobAsync(name, BinaryData.FromBytes(first));

        await using var app = new TriggerAppFactory(run, poll: true);
        var owner = app.ClientFor(run.KeyA);
        var earlierId = Assert.Single(await WaitForReceiptsAsync(owner, 1)).GetProperty("project_id").GetString()!;
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromBytes(second), overwrite: true);
        var receipts = await WaitForReceiptsAsync(owner, 2);
        var laterId = receipts.Select(r => r.GetProperty("project_id").GetString()!).Single(id => id != earlierId);

        var store = app.Services.GetRequiredService<FootageStore>();
        var blobs = new BlobServiceClient(LocalStack.StorageConnectionString);
        async Task<(FootageRecord Record, byte[] Source)> ReadAsync(string footageId)
        {
            var record = (await store.FindAsync(run.UserA, footageId))!;
            var content = await blobs.GetBlobContainerClient(record.Source.Container).GetBlobClient(record.Source.Path).DownloadContentAsync();
            return (record, content.Value.Content.ToArray());
        }

        var (earlier, earlierSource) = await ReadAsync(earlierId);
        var (later, laterSource) = await ReadAsync(laterId);
        Assert.Equal(first, earlierSource);
        Assert.Equal(second, laterSource);
        Assert.Equal((1200L, 1300L), (earlier.SizeBytes, later.SizeBytes));
        Assert.StartsWith($"{run.UserA}/{earlierId}/", earlier.Source.Path, StringComparison.Ordinal);
        Assert.NotEqual(run.IncomingFootageContainer, earlier.Source.Container);
    }

    [Fact]
    public async Task Refused_drops_are_recorded_with_their_reason_for_their_owner_only()
    {
        var run = new TriggerRun();
        var container = await ContainerAsync(run);
        await container.UploadBlobAsync($"{run.UserA}/huge.mp4", BinaryData.FromBytes(new byte[5000]));
        await container.UploadBlobAsync($"{run.UserA}/notes.pdf", BinaryData.FromBytes(new byte[100]));
        await container.UploadBlobAsync($"nobody-{run.Id}/talk.mp4", BinaryData.FromBytes(new byte[100]));

        await using var factory = new TriggerAppFactory(run, poll: true);
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("Footage:MaxSizeBytes", "4096"));
        var owner = app.CreateClient();
        owner.DefaultRequestHeaders.Add("X-Api-Key", run.KeyA);
        var receipts = await WaitForReceiptsAsync(owner, 2);

        string Error(string blob) => receipts.Single(r => r.GetProperty("blob").GetString() == $"{run.UserA}/{blob}").GetProperty("error").GetString()!;
        Assert.All(receipts, r => Assert.Equal(("failed", 10002), (r.GetProperty("status").GetString(), r.GetProperty("error_code").GetInt32())));
        Assert.All(receipts, r => Assert.Equal(JsonValueKind.Null, r.GetProperty("project_id").ValueKind));
        Assert.Contains("size_bytes must be between 1 and 4096 bytes", Error("huge.mp4"), StringComparison.Ordinal);
        Assert.Contains("file_name must be a video file ending in one of .mp4", Error("notes.pdf"), StringComparison.Ordinal);
        var other = app.CreateClient();
        other.DefaultRequestHeaders.Add("X-Api-Key", run.KeyB);
        Assert.Empty(await ReceiptsAsync(other));

        // The drop under an unknown user is recorded too, where no user can read it.
        var receiptsStore = app.Services.GetRequiredService<UploadReceiptStore>();
        var unknown = await WaitAsync(async () => await receiptsStore.ListAsync($"nobody-{run.Id}") is [{ Status: UploadStatus.Failed } only] ? only : null);
        Assert.Equal(10003, unknown.ErrorCode);
        Assert.Contains("known user", unknown.Error, StringComparison.Ordinal);
    }

    private static Task<BlobContainerClient> ContainerAsync(TriggerRun run) => UploadTriggerTests.DropContainerAsync(run.IncomingFootageContainer);

    private static Task<List<JsonElement>> ReceiptsAsync(HttpClient client) => UploadTriggerTests.ReceiptsAsync(client);

    private static Task<List<JsonElement>> WaitForReceiptsAsync(HttpClient client, int count) =>
        WaitAsync(async () => await ReceiptsAsync(client) is { } all && all.Count >= count && all.All(r => r.GetProperty("status").GetString() != "received") ? all : null);

    private static async Task<T> WaitAsync<T>(Func<Task<T?>> probe)
        where T : class
    {
        var until = DateTime.UtcNow + Patience;
        while (DateTime.UtcNow < until)
        {
            if (await probe() is { } done)
            {
                return done;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The dropped footage was not handled in time.");
    }
}
