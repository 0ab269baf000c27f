using Azure.Storage.Blobs;

namespace Serverless.EndToEnd.Tests;

/// <summary>A crash of the function app does not lose or duplicate a video.</summary>
[Collection(StudioStackCollection.Name)]
public sealed class DurabilityTests(StudioStack stack)
{
    [Fact]
    public async Task A_video_survives_a_SIGKILL_of_the_function_app_mid_fan_out_and_completes_once()
    {
        var script = await File.ReadAllTextAsync(RepositoryPaths.Sample("confession.zh.txt"));
        var started = await stack.Client.DataAsync(await stack.Client.SubmitAsync(script));
        var taskId = started.GetProperty("task_id").GetString()!;
        var projectId = started.GetProperty("project_id").GetString()!;

        // Wait until the shots and voices are being made, then crash the host.
        await stack.Client.WaitForTaskAsync(taskId, TimeSpan.FromMinutes(2), t =>
            t.GetProperty("status").GetString() is "completed" or "failed"
            || t.GetProperty("stages").EnumerateArray().Any(s => s.GetProperty("name").GetString() == "assets"));
        stack.CrashApp();
        await stack.StartAppAsync();

        var task = await stack.Client.WaitForTaskAsync(taskId, TimeSpan.FromMinutes(6));
        Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());

        var renders = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient("renders");
        var videos = new List<string>();
        await foreach (var blob in renders.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{stack.UserId}/{projectId}/" }))
        {
            if (blob.Name.EndsWith(".mp4", StringComparison.Ordinal))
            {
                videos.Add(blob.Name);
            }
        }

        Assert.Single(videos);
        var info = await MediaProbe.ProbeAsync(await stack.Client.DownloadVideoAsync(projectId));
        Assert.Equal(("h264", "aac"), (info.VideoCodec, info.AudioCodec));
    }
}
