using Microsoft.Extensions.Options;
using Serverless.Contracts.Inference;
using Serverless.Worker.Transport;
using Serverless.Worker.Configuration;
using Serverless.Worker.Jobs;

namespace Serverless.Worker.Inference;

/// <summary>Inference jobs from <see cref="WorkerOptions.InferenceQueue"/>; idle when that is empty.</summary>
public sealed class InferenceJobListener(
    IJobReceiver receiver,
    IServiceScopeFactory scopes,
    IOptions<WorkerOptions> options,
    WorkerActivity activity,
    ILogger<InferenceJobListener> logger) : JobQueueListener<InferenceJob>(receiver, scopes, options.Value, activity, logger)
{
    protected override string Queue => options.Value.InferenceQueue;

    protected override int Slots => options.Value.MaxConcurrentInferenceJobs;

    protected override string JobIdOf(InferenceJob job) => job.JobId;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(Queue))
        {
            logger.LogInformation("No Worker:InferenceQueue: this worker takes no inference jobs");
            return Task.CompletedTask;
        }

        return base.ExecuteAsync(stoppingToken);
    }

    protected override Task<Settlement> HandleAsync(IServiceProvider services, InferenceJob job, long deliveryCount, CancellationToken cancellationToken) =>
        services.GetRequiredService<InferenceJobHandler>().HandleAsync(job, deliveryCount, cancellationToken);
}
