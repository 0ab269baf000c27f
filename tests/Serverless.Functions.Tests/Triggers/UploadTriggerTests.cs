using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;

namespace Serverless.Functions.Tests.Triggers;

/// <summary>Scripts dropped into the upload container start videos once, across restarts; refusals are visible to their owner.</summary>
public sealed class UploadTriggerTests
{
    private const string Script = "Scene: Kitchen, morning\nCharacters: Mia (female, barista)\nMia (tired): Good morning.";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task An_uploaded_script_starts_one_video_even_after_a_restart()
    {
        var run = new TriggerRun();
        var container = await ContainerAsync(run);
        await container.UploadBlobAsync($"{run.UserA}/story.json", BinaryData.FromString("""{"style":"comic","aspect_ratio":"16:9","title":"Morning"}"""));
        await container.UploadBlobAsync($"{run.UserA}/story.txt", BinaryData.FromString(Script));

        string taskId;
        await using (var first = new TriggerAppFactory(run, poll: true))
        {
            var receipt = await WaitForReceiptAsync(first.ClientFor(run.KeyA), r => r.GetProperty("status").GetString() != "received");
            Assert.Equal("started", receipt.GetProperty("status").GetString());
            taskId = receipt.GetProperty("task_id").GetString()!;
            var task = await first.ClientFor(run.KeyA).GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{taskId}");
            Assert.Equal(0, task.GetProperty("code").GetInt32());
            var instance = await first.Services.GetRequiredService<DurableTaskClient>().GetInstanceAsync(taskId, getInputsAndOutputs: true);
            Assert.NotNull(instance);
            Assert.Contains("\"comic\"", instance.SerializedInput, StringComparison.Ordinal);
        }

        await using var second = new TriggerAppFactory(run, poll: true);
        var client = second.ClientFor(run.KeyA);
        _ = second.Server; // starts the host and its poller
        await Task.Delay(TimeSpan.FromSeconds(2)); // ten passes of the poller over the same blob

        var receipts = await ReceiptsAsync(client);
        var only = Assert.Single(receipts);
        Assert.Equal(taskId, only.GetProperty("task_id").GetString());
        var videos = await VideoInstancesAsync(second.Services);
        Assert.Equal([taskId], videos);
    }

    [Fact]
    public async Task Refused_uploads_are_recorded_with_their_reason_for_their_owner_only()
    {
        var run = new TriggerRun();
        var container = await ContainerAsync(run);
        await container.UploadBlobAsync($"{run.UserA}/notes.pdf", BinaryData.FromString(Script));
        await container.UploadBlobAsync($"{run.UserA}/huge.txt", BinaryData.FromString(Script + new string('x', 3000)));
        await container.UploadBlobAsync($"{run.UserA}/blank.md", BinaryData.FromString("   \n\n  "));
        await container.UploadBlobAsync($"{run.UserA}/styled.txt", BinaryData.FromString(Script));
        await container.UploadBlobAsync($"{run.UserA}/styled.json", BinaryData.FromString("""{"style":"oil-painting"}"""));
        await container.UploadBlobAsync($"nobody-{run.Id}/story.txt", BinaryData.FromString(Script));

        await using var app = new TriggerAppFactory(run, poll: true);
        var owner = app.ClientFor(run.KeyA);
        var receipts = await WaitForReceiptsAsync(owner, 4);

        string Error(string blob) => receipts.Single(r => r.GetProperty("blob").GetString() == $"{run.UserA}/{blob}").GetProperty("error").GetString()!;
        Assert.All(receipts, r => Assert.Equal("failed", r.GetProperty("status").GetString()));
        Assert.All(receipts, r => Assert.Equal(10002, r.GetProperty("error_code").GetInt32()));
        Assert.Contains(".fountain", Error("notes.pdf"));
        Assert.Contains("at most 2000", Error("huge.txt"));
        Assert.Contains("empty", Error("blank.md"));
        Assert.Contains("style", Error("styled.txt"));
        Assert.Empty(await ReceiptsAsync(app.ClientFor(run.KeyB)));

        // The upload under an unknown user is recorded too, where no user can read it.
        var unknown = await app.Services.GetRequiredService<Serverless.Studio.Uploads.UploadReceiptStore>().ListAsync($"nobody-{run.Id}");
        Assert.Equal(10003, Assert.Single(unknown).ErrorCode);
    }

    [Fact]
    public async Task A_registered_account_starts_videos_from_its_folder_until_its_quota_is_spent()
    {
        var run = new TriggerRun();
        var container = await ContainerAsync(run);
        await using var factory = new TriggerAppFactory(run, poll: true);
        await using var app = factory.WithWebHostBuilder(b => b.UseSetting("Accounts:Plans:free:VideosPerMonth", "1"));
        var user = await Accounts.ApiClient.RegisterAsync(app.CreateClient());
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.AccessToken);

        await container.UploadBlobAsync($"{user.UserId}/first.txt", BinaryData.FromString(Script));
        await WaitForReceiptsAsync(client, 1);
        await container.UploadBlobAsync($"{user.UserId}/second.txt", BinaryData.FromString(Script));
        var receipts = await WaitForReceiptsAsync(client, 2);

        JsonElement Receipt(string blob) => receipts.Single(r => r.GetProperty("blob").GetString() == $"{user.UserId}/{blob}");
        Assert.Equal("started", Receipt("first.txt").GetProperty("status").GetString());
        var refused = Receipt("second.txt");
        Assert.Equal("failed", refused.GetProperty("status").GetString());
        Assert.Equal(30001, refused.GetProperty("error_code").GetInt32());
        Assert.Contains("free plan", refused.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, refused.GetProperty("task_id").ValueKind);
        var videos = await VideoInstancesAsync(app.Services);
        Assert.Equal([Receipt("first.txt").GetProperty("task_id").GetString()!], videos);
    }

    /// <summary>The ids of every video orchestration in the app's task hub.</summary>
    private static async Task<List<string>> VideoInstancesAsync(IServiceProvider services)
    {
        var ids = new List<string>();
        await foreach (var instance in services.GetRequiredService<DurableTaskClient>().GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "tsk_" }))
        {
            ids.Add(instance.InstanceId!);
        }

        return ids;
    }

    private static Task<BlobContainerClient> ContainerAsync(TriggerRun run) => DropContainerAsync(run.IncomingContainer);

    /// <summary>A drop container of the run, created.</summary>
    internal static async Task<BlobContainerClient> DropContainerAsync(string name)
    {
        var container = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient(name);
        await container.CreateIfNotExistsAsync();
        return container;
    }

    /// <summary>The caller's upload receipts (<c>GET /api/v1/uploads</c>), newest first.</summary>
    internal static async Task<List<JsonElement>> ReceiptsAsync(HttpClient client)
    {
        var page = await client.GetFromJsonAsync<JsonElement>("/api/v1/uploads");
        return page.GetProperty("data").GetProperty("items").EnumerateArray().ToList();
    }

    private static async Task<JsonElement> WaitForReceiptAsync(HttpClient client, Func<JsonElement, bool> done) =>
        (await WaitForReceiptsAsync(client, 1, done)).Single();

    private static async Task<List<JsonElement>> WaitForReceiptsAsync(HttpClient client, int count, Func<JsonElement, bool>? done = null)
    {
        done ??= r => r.GetProperty("status").GetString() != "received";
        var until = DateTime.UtcNow + Patience;
        var receipts = new List<JsonElement>();
        while (DateTime.UtcNow < until)
        {
            receipts = await ReceiptsAsync(client);
            if (receipts.Count >= count && receipts.All(done))
            {
                return receipts;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Expected {count} finished receipts, saw: {string.Join(", ", receipts)}");
    }
}
