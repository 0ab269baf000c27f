using Serverless.Studio.Pipeline;

namespace Serverless.Studio.Tasks;

/// <summary>
/// A task as the API shows it: its stored record merged with the live progress of its orchestration.
/// <see cref="EstimatedRemaining"/> is the render worker's estimate in seconds, shown while it renders; <see cref="Qc"/> its
/// self-check of the finished video ({check: {value, passed}}); <see cref="Batch"/> a catalog batch's counts.
/// </summary>
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
    DateTimeOffset? CompletedAt,
    double? EstimatedRemaining = null,
    IReadOnlyDictionary<string, Contracts.Rendering.QualityCheck>? Qc = null,
    Providers.Ledger.TaskBill? Bill = null,
    CatalogBatches.BatchProgress? Batch = null);
