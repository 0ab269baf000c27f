using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Media.Probing;
using Serverless.Media.Quality;
using Serverless.Media.Tests.Fixtures;
using System.Text.Json;
using Serverless.Worker.Transport;

namespace Serverless.Media.Tests.Worker;

/// <summary>The worker host against Azurite and the real ffmpeg: queue in, blobs in, MP4 out, result reported on the results queue.</summary>
public sealed class RenderWorkerEndToEndTests() : QueuedRenderTests("render-test")
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_queued_job_becomes_an_mp4_blob_is_reported_and_leaves_the_queue_and_a_redelivery_renders_nothing()
    {
        var job = await UploadSmallJobAsync();
        await SendAsync(job);
        await SendAsync(job);
        await using var worker = await WorkerHost.StartAsync(Queue);

        var first = await Results.NextRenderCompletedAsync(RenderTimeout);
        var second = await Results.NextRenderCompletedAsync(RenderTimeout);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(job.JobId, first.JobId);
        Assert.Equal(job.Destination, first.Video);
        Assert.All(Results.Seen, r => Assert.Equal(job.OrchestrationInstanceId, r.OrchestrationInstanceId));
        Assert.All(Results.Seen, r => Assert.Equal(job.JobId, r.JobId));
        Assert.InRange(first.DurationSeconds, 5.99, 6.01);
        Assert.True(first.SizeBytes > 10_000);
        // Self-checked before delivery: every check with its figure, the mix at the job's -14 LUFS under -1 dBTP.
        var qc = first.Qc!;
        Assert.Equal(
            ["av_offset", "black_frames", "clipping", "duration", "frozen_frames", "loudness", "subtitles_in_safe_area", "true_peak"],
            qc.Keys.Order());
        Assert.All(qc, c => Assert.True(c.Value.Passed, $"{c.Key}: {c.Value.Detail}"));
        Assert.InRange(qc[SelfCheckNames.Loudness].Value!.Value, -14.5, -13.5);
        Assert.True(qc[SelfCheckNames.TruePeak].Value <= -1);
        Assert.True(second.Succeeded);
        Assert.Equal(first.Video, second.Video);
        Assert.Equal(first.SizeBytes, second.SizeBytes);
        Assert.Equal(first.DurationSeconds, second.DurationSeconds);
        Assert.Equal(qc.Keys.Order(), second.Qc!.Keys.Order());
        Assert.Equal(qc[SelfCheckNames.Loudness], second.Qc[SelfCheckNames.Loudness]);
        Assert.Equal(1, worker.Renderer.Renders);

        var local = Folder.File("downloaded.mp4");
        await Blobs.GetBlobContainerClient(Renders).GetBlobClient(job.Destination.Path).DownloadToAsync(local);
        var info = await new MediaProbe(new MediaOptions()).AnalyseAsync(local);
        Assert.Equal(("h264", "aac", 360, 640), (info.VideoCodec, info.AudioCodec, info.Width, info.Height));
        Assert.True(await Blobs.GetBlobContainerClient(Renders).GetBlobClient(first.Thumbnail!.Path).ExistsAsync());
        Assert.EndsWith("/video.jpg", first.Thumbnail.Path);
        await AssertQueueDrainsAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(worker.TempRoot));
    }

    [Fact]
    public async Task A_job_whose_image_is_missing_is_reported_failed_with_the_reason_and_dead_lettered()
    {
        var job = await UploadSmallJobAsync();
        job = job with { Shots = [job.Shots[0], job.Shots[1] with { Image = new BlobRef(Assets, "nowhere/missing.png") }, job.Shots[2]] };
        await SendAsync(job);
        await using var worker = await WorkerHost.StartAsync(Queue);

        var completed = await Results.NextRenderCompletedAsync(RenderTimeout);

        Assert.False(completed.Succeeded);
        Assert.Contains("nowhere/missing.png", completed.Error);
        Assert.Equal(0, worker.Renderer.Renders);
        await AssertQueueDrainsAsync();
        Assert.False(await Blobs.GetBlobContainerClient(Renders).GetBlobClient(job.Destination.Path).ExistsAsync());

        var letters = (await Queues.GetQueueClient($"{Queue}-poison").ReceiveMessagesAsync(maxMessages: 10)).Value;
        var letter = Assert.Single(letters).Body.ToObjectFromJson<DeadLetter>(JobJson.Options)!;
        Assert.Equal(job.JobId, letter.Job!.Value.Deserialize<RenderJob>(JobJson.Options)!.JobId);
        Assert.Contains("nowhere/missing.png", letter.Reason);
    }

    [Fact]
    public async Task A_job_whose_orchestration_has_ended_stops_at_its_first_progress_tick_and_leaves_the_queue()
    {
        var job = await UploadSmallJobAsync();
        await MarkEndedAsync(job);
        await SendAsync(job);
        await using var worker = await WorkerHost.StartAsync(Queue);

        await AssertQueueDrainsAsync();
        await Task.Delay(500);
        await Results.ReadAllAsync();
        Assert.Empty(Results.RenderCompletions);
        Assert.False(await Blobs.GetBlobContainerClient(Renders).GetBlobClient(job.Destination.Path).ExistsAsync());
        Assert.False(await Queues.GetQueueClient($"{Queue}-poison").ExistsAsync());
    }

    [Fact]
    public async Task A_finished_render_whose_orchestration_ended_meanwhile_is_acknowledged_without_a_report()
    {
        var job = await UploadSmallJobAsync();
        await SendAsync(job);
        // Only the first tick looks for the marker, so the render runs to its end before finding it.
        await using var worker = await WorkerHost.StartAsync(Queue, settings: new Dictionary<string, string?> { ["Worker:EndedCheckInterval"] = "01:00:00" });
        await WaitForProgressAsync();
        await MarkEndedAsync(job);

        await AssertQueueDrainsAsync(RenderTimeout);
        await Task.Delay(500);
        await Results.ReadAllAsync();
        Assert.Empty(Results.RenderCompletions);
        Assert.Equal(1, worker.Renderer.Renders);
        Assert.False(await Queues.GetQueueClient($"{Queue}-poison").ExistsAsync());
    }

    private async Task WaitForProgressAsync()
    {
        var deadline = DateTime.UtcNow + RenderTimeout;
        while (!Results.Progress.Any())
        {
            Assert.True(DateTime.UtcNow < deadline, "no progress was reported");
            await Results.ReadAllAsync();
            await Task.Delay(100);
        }
    }

    private async Task AssertQueueDrainsAsync(TimeSpan? within = null)
    {
        var queue = Queues.GetQueueClient(Queue);
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromSeconds(15));
        int count;
        do
        {
            count = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (count == 0)
            {
                return;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{count} message(s) still on queue {Queue}.");
    }
}
