using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Footage;

/// <summary>
/// An uploaded footage (Cosmos container <c>footage</c>, partitioned by <c>/userId</c>): its file, what the analysis
/// found, the highlights picked from it and the clips rendered of them.
/// </summary>
public sealed record FootageRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string FileName { get; init; }
    public required long DeclaredSizeBytes { get; init; }
    public required BlobRef Source { get; init; }
    public required FootageStatus Status { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? LanguageHint { get; init; }
    public long? SizeBytes { get; init; }

    /// <summary>The analysis task, then the latest clips task.</summary>
    public string? TaskId { get; init; }
    public double? DurationSeconds { get; init; }
    public int Width { get; init; }
    public int Height { get; init; }
    public FootageTranscript? Transcript { get; init; }
    public IReadOnlyList<Highlight> Highlights { get; init; } = [];

    /// <summary>What the highlights are cut from (<see cref="HighlightUnits"/>) and anything the user should know about it.</summary>
    public string? HighlightUnits { get; init; }
    public string? Note { get; init; }
    /// <summary>The worker's measurements (<see cref="FootageAnalysis"/> as JSON), which the picker reads again for a new ask.</summary>
    public BlobRef? Analysis { get; init; }
    public BlobRef? Proxy { get; init; }
    public IReadOnlyList<BlobRef> Thumbnails { get; init; } = [];
    public TaskError? Error { get; init; }
    public IReadOnlyList<FootageClip> Clips { get; init; } = [];
}

public enum FootageStatus
{
    /// <summary>Waiting for the file through its upload link.</summary>
    Uploading,
    Analyzing,
    Ready,
    Failed,
}

/// <summary>One clip of a highlight, rendered by a worker to <see cref="Video"/>.</summary>
public sealed record FootageClip
{
    public required string Id { get; init; }
    public required string HighlightId { get; init; }
    public required string TaskId { get; init; }
    public required double Start { get; init; }
    public required double End { get; init; }
    public required string Platform { get; init; }
    public required ClipStatus Status { get; init; }
    public BlobRef? Video { get; init; }
    public double? DurationSeconds { get; init; }
    public long? SizeBytes { get; init; }
    public IReadOnlyDictionary<string, QualityCheck>? Qc { get; init; }
    public string? Error { get; init; }
}

public enum ClipStatus
{
    Queued,
    Done,
    Failed,
}
