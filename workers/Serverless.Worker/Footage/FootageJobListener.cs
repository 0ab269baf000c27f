using Microsoft.Extensions.Options;
using Serverless.Contracts.Footage;
using Serverless.Worker.Configuration;
using Serverless.Worker.Jobs;
using Serverless.Worker.Transport;

namespace Serverless.Worker.Footage;

/// <summary>Footage analyses and clip renders from <see cref="WorkerOptions.FootageQueue"/>; idle when that is empty.</summary>
public sealed class FootageJobListener(
    IJobReceiver receiver,
    IServiceScopeFactory scopes,
    IOptions<WorkerOptions> options,
    WorkerActivity activity,
    ILogger<FootageJobListener> logger) : JobQueueListener<FootageJob>(receiver, scopes, options.Value, activity, logger)
{
    protected override string Queue => options.Value.FootageQueue;

    protected override int Slots => options.Value.MaxConcurrentFootageJobs;

    protected override string JobIdOf(FootageJob job) => job.JobId;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrEmpty(Queue))
        {
            logger.LogInformation("No Worker:FootageQueue: this worker takes no footage jobs");
            return Task.CompletedTask;
        }

        return base.ExecuteAsync(stoppingToken);
    }

    protected override Task<Settlement> HandleAsync(IServiceProvider services, FootageJob job, long deliveryCount, CancellationToken cancellationToken)
    {
        if (!job.HasOneKind)
        {
            // No job to report to: the message itself is malformed.
            logger.LogWarning("Footage job {JobId} carries {Kinds}; it must carry exactly one of analysis and clip", job.JobId, job.Analysis is null ? "neither" : "both");
            return Task.FromResult(Settlement.DeadLetter("A footage job carries exactly one of analysis and clip."));
        }

        return job.Analysis is { } analysis
            ? services.GetRequiredService<FootageAnalysisHandler>().HandleAsync(analysis, deliveryCount, cancellationToken)
            : services.GetRequiredService<ClipRenderHandler>().HandleAsync(job.Clip!, deliveryCount, cancellationToken);
    }
}
