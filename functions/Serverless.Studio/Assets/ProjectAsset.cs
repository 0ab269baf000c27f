using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Assets;

/// <summary>A file a user uploads to a project (reference pictures, audio, footage); Cosmos container <c>assets</c>, partitioned by <c>/projectId</c>.</summary>
public sealed record ProjectAsset
{
    public required string Id { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    public required string FileName { get; init; }
    public required string ContentType { get; init; }
    public required BlobRef Blob { get; init; }
    public required AssetStatus Status { get; init; }
    public long? SizeBytes { get; init; }

    /// <summary>The size the upload-link request declared; completion accepts a file of exactly this size only.</summary>
    public long? DeclaredSizeBytes { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UploadedAt { get; init; }
}

public enum AssetStatus
{
    /// <summary>An upload link was handed out; the file has not been confirmed.</summary>
    Pending,

    /// <summary>The upload was confirmed and the file checked.</summary>
    Ready,
}

/// <summary>Where and until when a file may be uploaded.</summary>
public sealed record AssetUpload(string AssetId, Uri UploadUrl, DateTimeOffset ExpiresAt, string Method, IReadOnlyDictionary<string, string> Headers);

/// <summary>Body of an upload-link request.</summary>
public sealed record AssetUploadRequest(string? FileName, string? ContentType, long? SizeBytes);
