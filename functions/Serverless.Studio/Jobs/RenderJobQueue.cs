using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Jobs;

/// <summary>
/// Queues a render job for the workers, recorded first as issued by its orchestration, so the worker's result is accepted
/// (<see cref="JobResultIntake"/>); the record's name is deterministic, so queueing the same job again is harmless.
/// </summary>
public sealed class RenderJobQueue(IJobSender jobs, IssuedJobs issuedJobs, IOptions<StudioOptions> options)
{
    public async Task QueueAsync(string instanceId, RenderJob job, CancellationToken cancellationToken = default)
    {
        await issuedJobs.RecordAsync(IssuedJob.For(instanceId, job), cancellationToken);
        await jobs.SendAsync(options.Value.RenderQueue, job, cancellationToken);
    }
}
