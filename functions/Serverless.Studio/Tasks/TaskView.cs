using Serverless.Studio.Pipeline;

namespace Serverless.Studio.Tasks;

/// <summary>A task as the API shows it: its stored record merged with the live progress of its orchestration.</summary>
public sealed record TaskView(
    string TaskId,
    string ProjectId,
    VideoTaskStatus Status,
    int Progress,
    string CurrentStep,
    IReadOnlyList<StageTiming> Stages,
    TaskError? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? CompletedAt);
