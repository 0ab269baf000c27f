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
}
