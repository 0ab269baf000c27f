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

        // The first listing pays for the storage client's start (JIT, connection): pay it before the video starts,
        // or a cold first poll can arrive after every shot is drawn.
        var shots = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient("assets");
        Assert.Equal(0, await CountAsync(shots, $"{stack.UserId}/no-such-project/"));

        var started = await stack.Client.DataAsync(await stack.Client.SubmitAsync(script));
        var taskId = started.GetProperty("task_id").GetString()!;
        var projectId = started.GetProperty("project_id").GetString()!;

        // Crash the host as soon as the first shot is drawn: the other shots and the voices are still to be made
        // (the stack runs two activities at once), so the restarted host must finish the fan-out it was in.
        var shotPrefix = $"{stack.UserId}/{projectId}/{taskId}/shots/";
        var drawnAtCrash = 0;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (drawnAtCrash == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(25);
            drawnAtCrash = await CountAsync(shots, shotPrefix);
        }

        stack.CrashApp();

        // Restarted before anything is asserted: the stack is shared, and the tests after this one need the app.
        await stack.StartAppAsync();
        Assert.InRange(drawnAtCrash, 1, 8);

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
        Assert.Equal(9, await CountAsync(shots, shotPrefix));
        var info = await MediaProbe.ProbeAsync(await stack.Client.DownloadVideoAsync(projectId));
        Assert.Equal(("h264", "aac"), (info.VideoCodec, info.AudioCodec));
    }

    private static async Task<int> CountAsync(BlobContainerClient container, string prefix)
    {
        var count = 0;
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = prefix }))
        {
            count++;
        }

        return count;
    }
}
