using Serverless.Durable;
using Serverless.Studio.Pipeline;

namespace Serverless.Studio.Tasks;

/// <summary>
/// Reads a task for its owner. The stored record is the truth once a task has ended; while it runs,
/// the orchestration's custom status tells the stage and progress without a write per step.
/// </summary>
public sealed class TaskQuery(VideoTaskStore tasks, DurableTaskClient durable)
{
    public async Task<TaskView?> FindAsync(string userId, string taskId, CancellationToken cancellationToken = default)
    {
        var task = await tasks.FindAsync(userId, taskId, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var instance = await durable.GetInstanceAsync(task.InstanceId, cancellation: cancellationToken);
        var status = instance?.ReadCustomStatusAs<PipelineStatus>();
        var stages = Closed(status?.Stages ?? [], task.CompletedAt);
        return task.Status switch
        {
            VideoTaskStatus.Completed => View(task, 100, "Done", stages),
            VideoTaskStatus.Failed => View(task, status?.Progress ?? 0, task.Error?.Message ?? "Failed", stages),
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
                OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Completed when status is not null => View(
                    task with { Status = VideoTaskStatus.Running }, status.Progress, status.Step, stages),
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

    private static TaskView View(VideoTask task, int progress, string step, IReadOnlyList<StageTiming> stages) =>
        new(task.Id, task.ProjectId, task.Status, progress, step, stages, task.Error, task.CreatedAt, task.UpdatedAt, task.CompletedAt);
}
