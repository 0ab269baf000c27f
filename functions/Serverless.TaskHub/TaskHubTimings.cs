using System.Diagnostics;
using DurableTask.Core;
using DurableTask.Core.History;
using DurableTask.Core.Middleware;
using Microsoft.Extensions.Logging;

namespace Serverless.TaskHub;

/// <summary>
/// When each activity and each orchestration episode (history replay plus the orchestrator's new decisions) ran and
/// for how long, at Debug under <see cref="Category"/>: what tells the engine's time apart from the work's
/// (<c>dev.sh bench batch</c> reads them from the app's log). Off unless that category is enabled.
/// </summary>
public sealed class TaskHubTimings(ILoggerFactory loggers)
{
    public const string Category = "Serverless.TaskHub.Timings";

    private readonly ILogger _logger = loggers.CreateLogger(Category);

    public void Attach(TaskHubWorker worker)
    {
        if (!_logger.IsEnabled(LogLevel.Debug))
        {
            return;
        }

        worker.AddActivityDispatcherMiddleware((context, next) =>
            TimeAsync("activity", context.GetProperty<TaskScheduledEvent>()?.Name, context.GetProperty<OrchestrationInstance>()?.InstanceId, next));
        worker.AddOrchestrationDispatcherMiddleware((context, next) =>
        {
            var state = context.GetProperty<OrchestrationRuntimeState>();
            return TimeAsync("episode", state?.Name, state?.OrchestrationInstance?.InstanceId, next);
        });
    }

    private async Task TimeAsync(string kind, string? name, string? instanceId, Func<Task> next)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        try
        {
            await next();
        }
        finally
        {
            _logger.LogDebug("Timing {Kind} {Name} {InstanceId} {StartedUnixMs} {Milliseconds}",
                kind, name ?? "?", instanceId ?? "?", started.ToUnixTimeMilliseconds(), clock.Elapsed.TotalMilliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
