using Serverless.Contracts.Rendering;

namespace Serverless.Contracts.Footage;

/// <summary>The worker's answer to a <see cref="FootageAnalysisJob"/>, raised as the orchestration's external event.</summary>
public sealed record FootageAnalysisCompleted
{
    public const string EventName = "FootageAnalyzed";

    public required string JobId { get; init; }
    public required bool Succeeded { get; init; }

    /// <summary>One of <see cref="FootageErrorCodes"/> when the footage was refused; null on success or an internal failure.</summary>
    public string? ErrorCode { get; init; }
    public string? Error { get; init; }
    public double DurationSeconds { get; init; }
    public bool HasAudio { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }

    /// <summary>The <see cref="FootageAnalysis"/> as JSON; queue messages stay small.</summary>
    public BlobRef? Analysis { get; init; }

    /// <summary>The 16 kHz mono speech track, for a cloud transcription on the app side.</summary>
    public BlobRef? Audio { get; init; }
    public BlobRef? Proxy { get; init; }
    public IReadOnlyList<BlobRef> Thumbnails { get; init; } = [];
}
