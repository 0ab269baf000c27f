using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Durable;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Projects;

/// <summary>
/// Files that stopped work may still leave: a deleted project's (every picture, voice, upload and render output), or
/// a cancelled video's render outputs (its pictures and voices stay: the storyboard may show them).
/// </summary>
public sealed record OutputSweep(string UserId, string ProjectId, string? TaskId = null)
{
    /// <summary>One sweep per project or video: a repeated stop schedules nothing twice.</summary>
    public string InstanceId() => TaskId is null ? $"sweep-{ProjectId}" : $"sweep-{TaskId}";
}

public sealed class SweepOutputsActivity(AssetStore blobs, ILogger<SweepOutputsActivity> logger) : TaskActivity<OutputSweep, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, OutputSweep input) => SweepAsync(blobs, logger, input);

    public static async Task<int> SweepAsync(AssetStore blobs, ILogger logger, OutputSweep sweep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(sweep);
        var project = $"{sweep.UserId}/{sweep.ProjectId}/";
        var removed = sweep.TaskId is { } taskId

            // The video and its sidecars are named after the task: {task}.mp4, {task}.srt, ...
            ? await blobs.DeleteAllAsync(StudioContainers.Renders, $"{project}{taskId}.", cancellationToken)
            : await blobs.DeleteAllAsync(StudioContainers.Assets, project, cancellationToken)
                + await blobs.DeleteAllAsync(StudioContainers.Renders, project, cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("{Count} files of {What} removed", removed, sweep.TaskId is null ? $"deleted project {sweep.ProjectId}" : $"cancelled video {sweep.TaskId}");
        }

        return removed;
    }
}

/// <summary>
/// Sweeps again once a render job queued before the stop can no longer be running: the worker cannot be called back,
/// so a job it took before the delete or the cancel may still write its output, which must not outlive the project
/// or be left behind by a cancelled video.
/// </summary>
public sealed class OutputSweepOrchestrator(IOptions<StudioOptions> options) : TaskOrchestrator<OutputSweep, int>
{
    private static readonly TaskOptions Retried = new(new RetryPolicy(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(20)));

    public override async Task<int> RunAsync(TaskOrchestrationContext context, OutputSweep input)
    {
        await context.CreateTimer(context.CurrentUtcDateTime + options.Value.RenderTimeout, CancellationToken.None);
        return await context.CallActivityAsync<int>(nameof(SweepOutputsActivity), input, Retried);
    }
}
