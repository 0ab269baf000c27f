using Serverless.Studio.Pipeline;

namespace Serverless.Studio.CatalogBatches;

/// <summary>
/// Input of <see cref="Orchestrations.CatalogBatchOrchestrator"/>. <see cref="Refresh"/>: only products whose video is
/// stale, each for the template and preset of its latest video unless the request names them.
/// </summary>
public sealed record CatalogBatchRequest(
    string TaskId,
    string ProjectId,
    string UserId,
    string CatalogId,
    string? TemplateId,
    string? Category,
    IReadOnlyList<string>? Skus,
    string? PlatformPreset,
    bool Preview,
    bool Refresh,
    int MaxParallelVideos,
    int Attempts,
    double SlotRetrySeconds,
    string? ScriptSource = null);

/// <summary>One product to render, as the plan found it; <see cref="ScriptSource"/> is the source asked for (<see cref="ScriptDrafts.ScriptSources"/>).</summary>
public sealed record ProductVideoPlan(string Sku, string TemplateId, string? PlatformPreset, bool Preview, string VideoHash, string ScriptSource = ScriptDrafts.ScriptSources.Template);

/// <summary>
/// What the batch will do: the products to render, and those left out because their latest video is current
/// (<see cref="UpToDate"/>), they have no template to render with (<see cref="NoTemplate"/>) or they are past
/// <see cref="CatalogBatchOptions.MaxProductsPerBatch"/> (<see cref="Deferred"/>).
/// </summary>
public sealed record CatalogBatchPlan(IReadOnlyList<ProductVideoPlan> Products, int UpToDate, int NoTemplate, int Deferred, string? Refusal = null);

/// <summary>Input of <see cref="WriteProductScriptActivity"/>: one product of a batch, before its first attempt.</summary>
public sealed record WriteProductScriptInput(CatalogBatchRequest Batch, ProductVideoPlan Product);

public sealed record StartProductVideoInput(CatalogBatchRequest Batch, ProductVideoPlan Product, int Attempt);

public enum ProductVideoStartKind
{
    Started,

    /// <summary>The owner has no running-task slot free: ask again later.</summary>
    Wait,

    /// <summary>Another batch already runs this very video (same content, same attempt).</summary>
    Elsewhere,

    /// <summary>It cannot be made (product gone, quota spent, script over the limits): reported failed, not retried.</summary>
    Refused,
}

public sealed record ProductVideoStart(ProductVideoStartKind Kind, VideoRequest? Request = null, string? Reason = null);

public sealed record RecordProductVideoInput(string UserId, string TaskId, VideoResult? Result, string? Reason);

/// <summary>A batch's counts as its task shows them (custom status, and the task view's <c>batch</c>).</summary>
public sealed record BatchProgress(int Total, int Done, int Failed, int Queued, int Running, int UpToDate, int Deferred, IReadOnlyList<BatchFailure> Failures);

/// <summary>A product whose video could not be made, and why.</summary>
public sealed record BatchFailure(string Sku, string Reason);
