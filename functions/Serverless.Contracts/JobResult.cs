using Serverless.Contracts.Footage;
using Serverless.Contracts.Inference;
using Serverless.Contracts.Rendering;

namespace Serverless.Contracts;

/// <summary>
/// What a worker reports about a job on <see cref="Queues.RenderResults"/>: exactly one of a render's progress, a
/// finished render (or clip), a finished inference or a footage's analysis, addressed to the orchestration that issued the job. The worker holds no
/// credential for the orchestration; the function app accepts the result only for a job it recorded as issued.
/// </summary>
public sealed record JobResult
{
    public required string OrchestrationInstanceId { get; init; }
    public required string JobId { get; init; }

    public RenderProgressReport? RenderProgress { get; init; }
    public RenderCompleted? RenderCompleted { get; init; }
    public InferenceCompleted? InferenceCompleted { get; init; }
    public FootageAnalysisCompleted? FootageAnalyzed { get; init; }

    /// <summary>A result carries one payload; anything else is a malformed message.</summary>
    public bool HasOnePayload => (RenderProgress is null ? 0 : 1) + (RenderCompleted is null ? 0 : 1) + (InferenceCompleted is null ? 0 : 1)
        + (FootageAnalyzed is null ? 0 : 1) == 1;

    public static JobResult Progress(string instanceId, RenderProgressReport report) =>
        new() { OrchestrationInstanceId = instanceId, JobId = report.JobId, RenderProgress = report };

    public static JobResult Completed(string instanceId, RenderCompleted completed) =>
        new() { OrchestrationInstanceId = instanceId, JobId = completed.JobId, RenderCompleted = completed };

    public static JobResult Completed(string instanceId, InferenceCompleted completed) =>
        new() { OrchestrationInstanceId = instanceId, JobId = completed.JobId, InferenceCompleted = completed };

    public static JobResult Completed(string instanceId, FootageAnalysisCompleted completed) =>
        new() { OrchestrationInstanceId = instanceId, JobId = completed.JobId, FootageAnalyzed = completed };
}

/// <summary>
/// Where the function app records the jobs an orchestration issued, in blob storage: names are deterministic so a
/// redelivered activity writes the same record, and the worker can find the marker left when the orchestration ended.
/// </summary>
public static class IssuedJobBlobs
{
    public const string Container = "jobs";

    /// <summary>The record of an issued job (JSON): whose it is and where its output may go.</summary>
    public static string Record(string instanceId, string jobId) => $"{instanceId}/{jobId}.json";

    /// <summary>Present once a result arrived for an orchestration that had ended: the job's work is wasted and may stop.</summary>
    public static string EndedMarker(string instanceId, string jobId) => $"{instanceId}/{jobId}.ended";
}
