using Azure.Storage.Blobs;
using Serverless.Contracts.Rendering;
using Serverless.Media.Probing;
using Serverless.Media.Tests.Fixtures;

namespace Serverless.Media.Tests.Worker;

/// <summary>The worker process dying or being stopped in the middle of a render, against Azurite and the real ffmpeg.</summary>
public sealed class WorkerProcessTests() : QueuedRenderTests("render-crash")
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(150);

    [Fact]
    public async Task A_worker_killed_mid_render_leaves_no_video_and_the_job_completes_on_redelivery()
    {
        var job = await QueueLongerJobAsync();
        var firstTemp = Path.Combine(Folder.Path, "first");

        using (var first = WorkerProcess.Start(Queue, firstTemp, visibility: TimeSpan.FromSeconds(10)))
        {
            await WaitForRenderOutputAsync(firstTemp, first);
            first.Kill();
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }

        Assert.False(await Destination(job).ExistsAsync(), "nothing is committed by a render that died");
        await Results.ReadAllAsync();
        Assert.Empty(Results.RenderCompletions);

        using var second = WorkerProcess.Start(Queue, Path.Combine(Folder.Path, "second"), visibility: TimeSpan.FromSeconds(10));
        var completed = await Results.NextRenderCompletedAsync(RenderTimeout);

        Assert.True(completed.Succeeded, $"{completed.Error}\n{second.Log}");
        var local = Folder.File("video.mp4");
        await Destination(job).DownloadToAsync(local);
        var info = await new MediaProbe(new MediaOptions()).AnalyseAsync(local);
        Assert.InRange(info.Duration.TotalSeconds, 11.4, 12.6);
    }

    [Fact]
    public async Task Sigterm_mid_render_releases_the_job_at_once_for_another_worker()
    {
        await QueueLongerJobAsync();
        var firstTemp = Path.Combine(Folder.Path, "first");

        // A lease far longer than the test: only an explicit release lets the second worker have the job in time.
        using (var first = WorkerProcess.Start(Queue, firstTemp, visibility: TimeSpan.FromMinutes(10)))
        {
            await WaitForRenderOutputAsync(firstTemp, first);
            await first.TerminateAsync();
            Assert.True(await first.WaitForExitAsync(TimeSpan.FromSeconds(30)), first.Log);
            Assert.Equal(0, first.ExitCode);
            Assert.Contains("Released job", first.Log);
        }

        using var second = WorkerProcess.Start(Queue, Path.Combine(Folder.Path, "second"), visibility: TimeSpan.FromMinutes(10));
        var completed = await Results.NextRenderCompletedAsync(RenderTimeout);

        Assert.True(completed.Succeeded, $"{completed.Error}\n{second.Log}");
    }

    private BlobClient Destination(RenderJob job) => Blobs.GetBlobContainerClient(job.Destination.Container).GetBlobClient(job.Destination.Path);

    /// <summary>Waits until ffmpeg has started writing the video, so the kill lands mid-render.</summary>
    private static async Task WaitForRenderOutputAsync(string tempRoot, WorkerProcess worker)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            if (Directory.Exists(tempRoot) &&
                Directory.EnumerateFiles(tempRoot, "video.mp4", SearchOption.AllDirectories).Any(f => new FileInfo(f).Length > 0))
            {
                return;
            }

            Assert.False(worker.HasExited, worker.Log);
            await Task.Delay(100);
        }

        Assert.Fail($"The worker never started rendering.\n{worker.Log}");
    }

    /// <summary>Three 4 s shots: long enough that the render is still running when the test strikes.</summary>
    private async Task<RenderJob> QueueLongerJobAsync()
    {
        var job = await UploadSmallJobAsync();
        job = job with
        {
            Shots = job.Shots.Select(s => s with { Duration = 4 }).ToList(),
            Output = job.Output with { Preset = "medium", Crf = 20 },
        };
        await SendAsync(job);
        return job;
    }
}
