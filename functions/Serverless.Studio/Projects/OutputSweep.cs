using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;
using Serverless.Studio.Assets;
using Serverless.Studio.Footage;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Projects;

/// <summary>
/// Files that stopped work may still leave: a deleted project's (every picture, voice, upload and render output), a
/// cancelled video's render outputs (its pictures and voices stay: the storyboard may show them), or an upload whose
/// link was handed out (<see cref="AssetId"/>) and never completed, or a footage upload never completed
/// (<see cref="FootageId"/>, swept <see cref="After"/> its link was handed out).
/// </summary>
public sealed record OutputSweep(string UserId, string ProjectId, string? TaskId = null, string? AssetId = null, string? FootageId = null, TimeSpan? After = null)
{
    /// <summary>One sweep per project, video or upload: a repeated stop schedules nothing twice.</summary>
    public string InstanceId() =>
        FootageId is not null ? $"sweep-{FootageId}" : AssetId is not null ? $"sweep-{AssetId}" : TaskId is null ? $"sweep-{ProjectId}" : $"sweep-{TaskId}";
}

public sealed class SweepOutputsActivity(AssetStore blobs, AssetService assets, FootageService footage, ILogger<SweepOutputsActivity> logger)
    : TaskActivity<OutputSweep, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, OutputSweep input) =>
        input.FootageId is { } footageId ? footage.SweepUnfinishedUploadAsync(input.UserId, footageId)
        : input.AssetId is { } assetId ? assets.SweepUnfinishedUploadAsync(input.UserId, input.ProjectId, assetId)
        : SweepAsync(blobs, logger, input);

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

