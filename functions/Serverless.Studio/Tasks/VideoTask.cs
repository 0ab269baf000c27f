namespace Serverless.Studio.Tasks;

/// <summary>A long-running job on a project (Cosmos container <c>tasks</c>, partitioned by <c>/projectId</c>).</summary>
public sealed record VideoTask
{
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }

    /// <summary>The durable orchestration that does the work.</summary>
    public required string InstanceId { get; init; }
    public required VideoTaskStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public DateTimeOffset? CompletedAt { get; init; }
    public TaskError? Error { get; init; }

    /// <summary>The render worker's self-check of the finished video (by check name, as the worker names them).</summary>
    public IReadOnlyDictionary<string, Contracts.Rendering.QualityCheck>? Qc { get; init; }

    /// <summary>What the task's provider calls cost, from the usage ledger, written when the task ends.</summary>
    public Providers.Ledger.TaskBill? Bill { get; init; }

    /// <summary>Set on a catalog batch's task (<see cref="Orchestrations.CatalogBatchOrchestrator"/>): the catalog it renders.</summary>
    public string? CatalogId { get; init; }

    /// <summary>A task just asked for on <paramref name="project"/>, run by the orchestration of the same id.</summary>
    public static VideoTask Queued(Projects.Project project, string taskId, DateTimeOffset now) => Queued(project.UserId, project.Id, taskId, now);

    /// <summary>A task just asked for on a project or a footage (<paramref name="parentId"/>, whose partition holds it).</summary>
    public static VideoTask Queued(string userId, string parentId, string taskId, DateTimeOffset now) => new()
    {
        Id = taskId,
        ProjectId = parentId,
        UserId = userId,
        InstanceId = taskId,
        Status = VideoTaskStatus.Queued,
        CreatedAt = now,
        UpdatedAt = now,
    };
}

public enum VideoTaskStatus
{
    Queued,
    Running,

    /// <summary>The storyboard is ready and waits for <c>POST .../storyboard/approve</c>.</summary>
    AwaitingApproval,
    Completed,
    Failed,

    /// <summary>Stopped by its owner with <c>POST /api/v1/tasks/{id}/cancel</c>.</summary>
    Cancelled,
}

public static class VideoTaskStatusExtensions
{
    /// <summary>Completed, failed or cancelled: nothing more will happen to the task.</summary>
    public static bool HasEnded(this VideoTaskStatus status) =>
        status is VideoTaskStatus.Completed or VideoTaskStatus.Failed or VideoTaskStatus.Cancelled;
}

/// <summary>Why a task failed, in words a user can act on.</summary>
public sealed record TaskError(int Code, string Message);
