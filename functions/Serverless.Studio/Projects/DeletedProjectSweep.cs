using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Durable;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Projects;

/// <summary>A deleted project whose files are removed.</summary>
public sealed record DeletedProject(string UserId, string ProjectId);

/// <summary>
/// Removes every file a deleted project left in the assets and renders containers: pictures and voices drawn by its
/// videos, uploads, render outputs.
/// </summary>
public sealed class SweepDeletedProjectActivity(AssetStore blobs, ILogger<SweepDeletedProjectActivity> logger) : TaskActivity<DeletedProject, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, DeletedProject input) => SweepAsync(blobs, logger, input);

    public static async Task<int> SweepAsync(AssetStore blobs, ILogger logger, DeletedProject project, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(project);
        var prefix = $"{project.UserId}/{project.ProjectId}/";
        var removed = await blobs.DeleteAllAsync(StudioContainers.Assets, prefix, cancellationToken)
            + await blobs.DeleteAllAsync(StudioContainers.Renders, prefix, cancellationToken);
        if (removed > 0)
        {
            logger.LogInformation("{Count} files of deleted project {ProjectId} removed", removed, project.ProjectId);
        }

        return removed;
    }
}

/// <summary>
/// Sweeps a deleted project's files again once a render job it had queued can no longer be running: the worker
/// cannot be called back, so a job taken before the delete may still write its output, which must not outlive the
/// project.
/// </summary>
public sealed class DeletedProjectSweepOrchestrator(IOptions<StudioOptions> options) : TaskOrchestrator<DeletedProject, int>
{
    private static readonly TaskOptions Retried = new(new RetryPolicy(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(20)));

    public static string InstanceIdOf(string projectId) => $"sweep-{projectId}";

    public override async Task<int> RunAsync(TaskOrchestrationContext context, DeletedProject input)
    {
        await context.CreateTimer(context.CurrentUtcDateTime + options.Value.RenderTimeout, CancellationToken.None);
        return await context.CallActivityAsync<int>(nameof(SweepDeletedProjectActivity), input, Retried);
    }
}
