using System.Text.RegularExpressions;
using Azure.Storage.Blobs;

namespace Serverless.EndToEnd.Tests;

/// <summary>The studio stack with renders longer than 10 s split into segments (the shortest segment length allowed).</summary>
public sealed class SegmentedStudioStack() : StudioStack(new Dictionary<string, string> { ["Studio__SegmentSeconds"] = "10" });

/// <summary>
/// Issue 13: a long video is rendered in segments, one job each, and joined; a segment whose worker is killed is
/// delivered again and rendered again on its own, and the video completes whole.
/// </summary>
[Collection(StudioStackCollection.Name)]
public sealed partial class SegmentedRenderTests(SegmentedStudioStack stack) : IClassFixture<SegmentedStudioStack>
{
    // About 16 s: two segments of a few shots each.
    private const string Script =
        "旁白: 清晨，城市慢慢醒来。\n小明(开心): 今天我们去公园吧！\n小红(平静): 好啊，我带上相机。\n旁白: 他们走过安静的街道。\n" +
        "小明(惊讶): 你看，湖边有天鹅！";

    [Fact]
    public async Task A_segment_whose_worker_is_killed_is_rendered_again_alone_and_the_video_completes()
    {
        var started = await stack.Client.DataAsync(await stack.Client.SubmitAsync(Script, aspectRatio: "1:1"));
        var (taskId, projectId) = (started.GetProperty("task_id").GetString()!, started.GetProperty("project_id").GetString()!);

        // The worker dies in the middle of the first segment it takes.
        var firstWorker = stack.WorkerLogs[^1];
        var killed = await WaitForSegmentRenderAsync(firstWorker, taskId);
        stack.CrashWorker();
        stack.StartWorker();

        var task = await stack.Client.WaitForTaskAsync(taskId, TimeSpan.FromMinutes(5));
        Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());

        // Every segment was rendered once, except the killed one, rendered again after its lease ran out; the join once.
        var renders = stack.WorkerLogs.SelectMany(log => Renders(ReadShared(log), taskId)).ToList();
        var segments = renders.Where(r => r.Contains("-part", StringComparison.Ordinal)).GroupBy(r => r).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(segments.Count >= 2, string.Join(", ", renders));
        Assert.Equal(2, segments[killed]);
        Assert.All(segments.Where(s => s.Key != killed), s => Assert.Equal(1, s.Value));
        Assert.Equal(1, renders.Count(r => r == $"{taskId}-render"));

        // One video, its segments gone, with sound and pictures throughout.
        var container = new BlobServiceClient(LocalStack.StorageConnectionString).GetBlobContainerClient("renders");
        var outputs = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = $"{stack.UserId}/{projectId}/" }))
        {
            outputs.Add(blob.Name);
        }

        Assert.Equal([$"{stack.UserId}/{projectId}/{taskId}.mp4"], outputs.Where(n => n.EndsWith(".mp4", StringComparison.Ordinal)));
        var info = await MediaProbe.ProbeAsync(await stack.Client.DownloadVideoAsync(projectId));
        Assert.Equal(("h264", "aac"), (info.VideoCodec, info.AudioCodec));
        // The container's length counts the AAC track's padding past the last picture.
        Assert.Equal(task.GetProperty("qc").GetProperty("duration").GetProperty("value").GetDouble(), info.Duration, tolerance: 0.1);
    }

    /// <summary>The job id of the first segment the worker starts to render.</summary>
    private static async Task<string> WaitForSegmentRenderAsync(string log, string taskId)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (true)
        {
            if (Renders(ReadShared(log), taskId).FirstOrDefault(r => r.Contains("-part", StringComparison.Ordinal)) is { } job)
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, "No segment was rendered within 4 minutes.");
            await Task.Delay(50);
        }
    }

    private static IEnumerable<string> Renders(string log, string taskId) =>
        RenderStart().Matches(log).Select(m => m.Groups["job"].Value).Where(job => job.StartsWith(taskId + "-", StringComparison.Ordinal));

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return new StreamReader(stream).ReadToEnd();
    }

    [GeneratedRegex(@"Rendering job (?<job>\S+):")]
    private static partial Regex RenderStart();
}
