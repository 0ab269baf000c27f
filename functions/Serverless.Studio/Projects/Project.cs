using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Projects;

/// <summary>A user's video project (Cosmos container <c>projects</c>, partitioned by <c>/userId</c>).</summary>
public sealed record Project
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }
    public required string Style { get; init; }
    public required string AspectRatio { get; init; }
    public required BlobRef Script { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }
    public string? LatestTaskId { get; init; }
    public string? Description { get; init; }

    /// <summary>Videos of this project wait after the storyboard until it is approved.</summary>
    public bool ApprovalRequired { get; init; }
    public int Seed { get; init; }
    public double? TargetDurationSeconds { get; init; }

    /// <summary>When the script was last written; null while the project has none.</summary>
    public DateTimeOffset? ScriptUpdatedAt { get; init; }
    public ProjectVideo? Video { get; init; }
}

/// <summary>The finished video of a project.</summary>
/// <param name="Qc">The worker's self-check of the video (by check name, as the worker names them).</param>
/// <param name="RenderSeconds">How long the worker took to render it (its own clock, queue wait excluded).</param>
public sealed record ProjectVideo(
    BlobRef Blob, BlobRef? Thumbnail, double DurationSeconds, long SizeBytes, DateTimeOffset RenderedAt,
    IReadOnlyDictionary<string, QualityCheck>? Qc = null, double? RenderSeconds = null);
