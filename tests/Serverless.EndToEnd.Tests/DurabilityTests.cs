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

    [Fact]
    public async Task Four_videos_survive_two_SIGKILLs_of_the_app_and_one_of_the_worker_and_each_completes_once()
    {
        const string script = "旁白: 夜深了，街上很安静。\n小明(紧张): 你听到了吗？\n小红(平静): 没有，是风吧。";
        var shots = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient("assets");
        Assert.Equal(0, await CountAsync(shots, $"{stack.UserId}/no-such-project/"));
        var videos = new List<(string TaskId, string ProjectId)>();
        for (var i = 0; i < 4; i++)
        {
            var started = await stack.Client.DataAsync(await stack.Client.SubmitAsync(script));
            videos.Add((started.GetProperty("task_id").GetString()!, started.GetProperty("project_id").GetString()!));
        }

        // First crash of the app: as soon as any of the four has drawn a shot, mid fan-out.
        await WaitUntilAsync(async () => await CountAsync(shots, $"{stack.UserId}/{videos[0].ProjectId}/") > 0);
        stack.CrashApp();
        await stack.StartAppAsync();

        // The worker dies while it renders; the app dies again while it waits for the results.
        await WaitUntilAsync(async () => await AnyRenderingAsync(videos));
        stack.CrashWorker();
        stack.CrashApp();
        await stack.StartAppAsync();
        stack.StartWorker();

        var renders = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient("renders");
        foreach (var (taskId, projectId) in videos)
        {
            var task = await stack.Client.WaitForTaskAsync(taskId, TimeSpan.FromMinutes(6));
            Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());
            var outputs = new List<string>();
            await foreach (var blob in renders.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{stack.UserId}/{projectId}/" }))
            {
                outputs.Add(blob.Name);
            }

            Assert.Equal([$"{stack.UserId}/{projectId}/{taskId}.mp4"], outputs.Where(n => n.EndsWith(".mp4", StringComparison.Ordinal)));
            var info = await MediaProbe.ProbeAsync(await stack.Client.DownloadVideoAsync(projectId));
            Assert.Equal(("h264", "aac"), (info.VideoCodec, info.AudioCodec));
        }
    }

    private async Task<bool> AnyRenderingAsync(IEnumerable<(string TaskId, string ProjectId)> videos)
    {
        foreach (var (taskId, _) in videos)
        {
            var task = await stack.Client.DataAsync(await stack.Client.GetAsync($"/api/v1/tasks/{taskId}"));
            if (task.GetProperty("current_step").GetString() is { } step && step.StartsWith("Rendering the video:", StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The stack never got there within 4 minutes.");
            await Task.Delay(50);
        }
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
