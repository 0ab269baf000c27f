using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Worker.Transport;
using Serverless.Worker.Configuration;

namespace Serverless.Worker.Jobs;

/// <summary>Render jobs from <see cref="WorkerOptions.Queue"/>, <see cref="WorkerOptions.MaxConcurrentJobs"/> at a time.</summary>
public sealed class RenderJobListener(
    IJobReceiver receiver,
    IServiceScopeFactory scopes,
    IOptions<WorkerOptions> options,
    WorkerActivity activity,
    ILogger<RenderJobListener> logger) : JobQueueListener<RenderJob>(receiver, scopes, options.Value, activity, logger)
{
    protected override string Queue => options.Value.Queue;

    protected override int Slots => options.Value.MaxConcurrentJobs;

    protected override string JobIdOf(RenderJob job) => job.JobId;

    protected override Task<Settlement> HandleAsync(IServiceProvider services, RenderJob job, long deliveryCount, CancellationToken cancellationToken) =>
        services.GetRequiredService<RenderJobHandler>().HandleAsync(job, deliveryCount, cancellationToken);
}
