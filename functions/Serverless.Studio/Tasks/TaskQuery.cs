using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask.Client;
using Serverless.Studio.Pipeline;

namespace Serverless.Studio.Tasks;

/// <summary>
/// Reads a task for its owner. The stored record is the truth once a task has ended; while it runs,
/// the orchestration's custom status tells the stage and progress without a write per step.
/// </summary>
/// <remarks>
/// Clients poll this view, many times a second under load, and each read costs a Cosmos read and a task-hub
/// read. A view is therefore kept per owner and task: younger than a second it is answered as is; older, it is
/// still answered while one background read refreshes it, so a poller sees progress about a second late at
/// most and no request waits for the refresh. A write of the task in this process drops it at once. Another
/// user's id never meets the owner's entry: the key holds the user, and only found tasks are kept.
/// </remarks>
public sealed class TaskQuery : IDisposable
{
    private static readonly TimeSpan Freshness = TimeSpan.FromSeconds(1);

    // Past this age (a refresh failing or hanging) a view is read again in the request, errors and all.
    private static readonly TimeSpan MaxStaleness = TimeSpan.FromSeconds(10);
    private readonly VideoTaskStore _tasks;
    private readonly DurableTaskClient _durable;
    private readonly TimeProvider _time;
    private readonly ILogger<TaskQuery> _logger;
    private readonly MemoryCache _views = new(new MemoryCacheOptions { SizeLimit = 10_000 });

    public TaskQuery(VideoTaskStore tasks, DurableTaskClient durable, TimeProvider time, ILogger<TaskQuery> logger)
    {
        _tasks = tasks;
        _durable = durable;
        _time = time;
        _logger = logger;
        _tasks.Written += Forget;
    }

    public async Task<TaskView?> FindAsync(string userId, string taskId, CancellationToken cancellationToken = default)
    {
        var key = (userId, taskId);
        if (_views.TryGetValue(key, out CachedView? cached) && cached is not null)
        {
            var age = _time.GetElapsedTime(cached.ReadAt);
            if (age < MaxStaleness)
            {
                if (age >= Freshness && Interlocked.Exchange(ref cached.Refreshing, 1) == 0)
                {
                    _ = RefreshAsync(key, cached);
                }

                return cached.View;
            }
        }

        var view = await ReadAsync(userId, taskId, cancellationToken);
        Keep(key, view);
        return view;
    }

    public void Dispose()
    {
        _tasks.Written -= Forget;
        _views.Dispose();
    }

    private async Task RefreshAsync((string UserId, string TaskId) key, CachedView stale)
    {
        try
        {
            Keep(key, await ReadAsync(key.UserId, key.TaskId, CancellationToken.None));
        }
        catch (Exception e)
        {
            // Requests keep the last view until MaxStaleness, then read in the request and see the failure.
            _logger.LogWarning(e, "Refreshing the view of task {TaskId} failed", key.TaskId);
            Volatile.Write(ref stale.Refreshing, 0);
        }
    }

    private void Keep((string UserId, string TaskId) key, TaskView? view)
    {
        if (view is null)
        {
            _views.Remove(key);
            return;
        }

        _views.Set(key, new CachedView(view, _time.GetTimestamp()), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(1) });
    }

    // The key holds the owner as well, so the entries of an id are found by a scan; writes are rare (a task is
    // written when it starts and when it ends) and the cache is bounded.
    private void Forget(string taskId)
    {
        foreach (var key in _views.Keys)
        {
            if (key is (string, string id) && id == taskId)
            {
                _views.Remove(key);
            }
        }
    }

    private sealed class CachedView(TaskView view, long readAt)
    {
        public TaskView View { get; } = view;

        public long ReadAt { get; } = readAt;

        public int Refreshing;
    }

    private async Task<TaskView?> ReadAsync(string userId, string taskId, CancellationToken cancellationToken)
    {
        var task = await _tasks.FindAsync(userId, taskId, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var instance = await _durable.GetInstanceAsync(task.InstanceId, cancellation: cancellationToken);
        var status = instance?.ReadCustomStatusAs<PipelineStatus>();
        var stages = Closed(status?.Stages ?? [], task.CompletedAt);
        return task.Status switch
        {
            VideoTaskStatus.Completed => View(task, 100, "Done", stages, batch: status?.Batch),
            VideoTaskStatus.Failed => View(task, status?.Progress ?? 0, task.Error?.Message ?? "Failed", stages, batch: status?.Batch),
            VideoTaskStatus.Cancelled => View(task, status?.Progress ?? 0, "Cancelled", stages, batch: status?.Batch),
            _ => instance?.RuntimeStatus switch
            {
                // The orchestration ended without recording its outcome (it crashed past its own error handling).
                OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated => View(
                    task with
                    {
                        Status = VideoTaskStatus.Failed,
                        Error = new TaskError(ErrorCodes.System, instance.FailureDetails?.ErrorMessage ?? "The video was stopped."),
                    },
                    status?.Progress ?? 0, "Failed", stages),
                OrchestrationRuntimeStatus.Running when status?.Stage == PipelineStage.Approval.Name => View(
                    task with { Status = VideoTaskStatus.AwaitingApproval }, status.Progress, status.Step, stages),
                OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Completed when status is not null => View(
                    task with { Status = VideoTaskStatus.Running }, status.Progress, status.Step, stages, status.EstimatedRemainingSeconds, status.Batch),
                _ => View(task, 0, "Waiting for a free worker", stages),
            },
        };
    }

    /// <summary>
    /// The task record is written by the last activity, a moment before the orchestration publishes its final
    /// status; a stage still open then ended when the task did.
    /// </summary>
    private static IReadOnlyList<StageTiming> Closed(IReadOnlyList<StageTiming> stages, DateTimeOffset? completedAt) =>
        completedAt is not { } end
            ? stages
            : stages.Select(s => s.Seconds is null ? s with { Seconds = Math.Max(0, (end.UtcDateTime - s.StartedAt).TotalSeconds) } : s).ToList();

    private static TaskView View(
        VideoTask task, int progress, string step, IReadOnlyList<StageTiming> stages, double? estimatedRemaining = null, CatalogBatches.BatchProgress? batch = null) =>
        new(task.Id, task.ProjectId, task.Status, progress, step, stages, task.Error, task.CreatedAt, task.UpdatedAt, task.CompletedAt, estimatedRemaining, task.Qc, task.Bill, batch);
}
