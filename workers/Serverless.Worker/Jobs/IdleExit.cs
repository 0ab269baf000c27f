using Microsoft.Extensions.Options;
using Serverless.Worker.Configuration;

namespace Serverless.Worker.Jobs;

/// <summary>
/// With <see cref="WorkerOptions.ExitWhenIdle"/>, stops the host once the worker has been idle for
/// <see cref="WorkerOptions.IdleGrace"/>: an event-driven job execution (one per waiting message) then ends instead of
/// polling, and billing GPU time, until its replica timeout. The process exits 0, so the execution counts as done.
/// </summary>
public sealed class IdleExit(
    WorkerActivity activity,
    IOptions<WorkerOptions> options,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<IdleExit> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var grace = options.Value.IdleGrace;
        if (!options.Value.ExitWhenIdle)
        {
            return;
        }

        var check = TimeSpan.FromTicks(Math.Clamp(grace.Ticks / 4, TimeSpan.FromMilliseconds(100).Ticks, TimeSpan.FromSeconds(5).Ticks));
        using var timer = new PeriodicTimer(check, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var idle = activity.IdleFor();
                if (idle >= grace)
                {
                    logger.LogInformation("No job for {Idle} (grace {Grace}): stopping the worker", idle, grace);
                    lifetime.StopApplication();
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The host is stopping for another reason.
        }
    }
}
