using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Assets;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// Sweeps again once a render job queued before the stop can no longer be running: the worker cannot be called back,
/// so a job it took before the delete or the cancel may still write its output, which must not outlive the project
/// or be left behind by a cancelled video. An upload's sweep runs once its link has expired and a grace has passed.
/// </summary>
public sealed class OutputSweepOrchestrator(IOptions<StudioOptions> options) : TaskOrchestrator<OutputSweep, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, OutputSweep input)
    {
        // A footage's wait travels in the input: it follows an option, and an orchestrator reads none on replay.
        var wait = input.After ?? (input.AssetId is null ? options.Value.RenderTimeout : AssetService.UnfinishedUploadAge);
        await context.CreateTimer(context.CurrentUtcDateTime + wait, CancellationToken.None);
        return await context.CallActivityAsync<int>(nameof(SweepOutputsActivity), input, ActivityRetries.Retried);
    }
}
