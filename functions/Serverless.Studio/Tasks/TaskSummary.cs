namespace Serverless.Studio.Tasks;

/// <summary>One task of a project's history, as its stored record tells it (the live view is <see cref="TaskView"/>).</summary>
public sealed record TaskSummary(string TaskId, VideoTaskStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? CompletedAt, TaskError? Error)
{
    /// <summary>Most tasks one history answer lists, newest first.</summary>
    public const int MaxListed = 100;

    /// <summary>The task with a raw failure replaced by its stable message (<see cref="TaskErrors.ForUser"/>).</summary>
    public static TaskSummary Of(VideoTask task) =>
        new(task.Id, task.Status, task.CreatedAt, task.UpdatedAt, task.CompletedAt, task.Error is { } error ? TaskErrors.ForUser(error).Shown : null);
}
