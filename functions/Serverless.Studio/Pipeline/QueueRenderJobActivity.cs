using Microsoft.DurableTask;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Jobs;

namespace Serverless.Studio.Pipeline;

/// <summary>Queues one job of a segmented render (a segment, or the join once every segment is in): the orchestration's fan-out.</summary>
public sealed class QueueRenderJobActivity(RenderJobQueue queue) : TaskActivity<RenderJob, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, RenderJob job)
    {
        await queue.QueueAsync(context.InstanceId, job);
        return job.JobId;
    }
}
