namespace Serverless.Contracts.Rendering;

/// <summary>The worker's answer to a <see cref="RenderJob"/>, raised as the orchestration's external event.</summary>
public sealed record RenderCompleted
{
    public const string EventName = "RenderCompleted";

    public required string JobId { get; init; }
    public required bool Succeeded { get; init; }
    public BlobRef? Video { get; init; }
    public BlobRef? Thumbnail { get; init; }
    public double DurationSeconds { get; init; }
    public long SizeBytes { get; init; }
    public double RenderSeconds { get; init; }
    public string? Error { get; init; }

    /// <summary>
    /// The worker's self-check of the finished video, by check name (the worker's `SelfCheckNames`: duration, loudness, ...): each measured figure
    /// and whether it passed. Null when the render did not get that far.
    /// </summary>
    public IReadOnlyDictionary<string, QualityCheck>? Qc { get; init; }
}

/// <summary>One check of the finished video: the figure measured, whether it is acceptable, and whether the worker fixed it.</summary>
public sealed record QualityCheck(double? Value, bool Passed, string? Detail = null, bool Fixed = false);
