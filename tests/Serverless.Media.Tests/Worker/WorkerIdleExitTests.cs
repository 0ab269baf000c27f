using Serverless.Contracts.Rendering;
using Serverless.Media.Tests.Fixtures;

namespace Serverless.Media.Tests.Worker;

/// <summary>An event-driven worker execution ends by itself once its queue stays empty, and only when told to.</summary>
public sealed class WorkerIdleExitTests() : QueuedRenderTests("render-idle")
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(150);
    private static readonly Dictionary<string, string> ExitWhenIdle = new()
    {
        ["Worker__ExitWhenIdle"] = "true",
        ["Worker__IdleGrace"] = "00:00:02",
    };


    [Fact]
    public async Task With_exit_when_idle_the_worker_renders_the_queued_job_then_exits_0()
    {
        var job = await QueueJobAsync();

        using var worker = WorkerProcess.Start(Queue, Path.Combine(Folder.Path, "work"), TimeSpan.FromMinutes(2), ExitWhenIdle);
        var completed = await Results.NextRenderCompletedAsync(RenderTimeout);

        Assert.True(completed.Succeeded, $"{completed.Error}\n{worker.Log}");
        Assert.True(await worker.WaitForExitAsync(TimeSpan.FromSeconds(30)), $"the worker is still running\n{worker.Log}");
        Assert.Equal(0, worker.ExitCode);
        Assert.Contains("stopping the worker", worker.Log, StringComparison.Ordinal);
        Assert.True(await Blobs.GetBlobContainerClient(job.Destination.Container).GetBlobClient(job.Destination.Path).ExistsAsync());
        var left = (await Queues.GetQueueClient(Queue).GetPropertiesAsync()).Value.ApproximateMessagesCount;
        Assert.Equal(0, left);
    }

    [Fact]
    public async Task Without_it_an_idle_worker_keeps_polling()
    {
        await Queues.GetQueueClient(Queue).CreateIfNotExistsAsync();

        using var worker = WorkerProcess.Start(Queue, Path.Combine(Folder.Path, "work"), TimeSpan.FromMinutes(2));

        // Three times the grace the other test exits after, with one-second polls finding nothing.
        Assert.False(await worker.WaitForExitAsync(TimeSpan.FromSeconds(6)), worker.Log);
        Assert.DoesNotContain("stopping the worker", worker.Log, StringComparison.Ordinal);
    }

    private async Task<RenderJob> QueueJobAsync()
    {
        var job = await UploadSmallJobAsync();
        await SendAsync(job);
        return job;
    }
}
