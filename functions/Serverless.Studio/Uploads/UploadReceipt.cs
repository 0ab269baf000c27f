using System.Text.Json.Serialization;

namespace Serverless.Studio.Uploads;

[JsonConverter(typeof(JsonStringEnumConverter<UploadStatus>))]
public enum UploadStatus
{
    /// <summary>Claimed for processing; a receipt left here by a crash is finished by the next pass.</summary>
    Received,
    Started,
    Failed,
}

/// <summary>
/// Proof that one version of one uploaded blob was handled: keyed by blob name and ETag, written before the video
/// starts, so each upload starts at most one video however often it is seen. Stored in <c>uploads</c> by user.
/// </summary>
public sealed record UploadReceipt
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Blob { get; init; }
    public required string ETag { get; init; }
    public long SizeBytes { get; init; }
    public required UploadStatus Status { get; init; }
    public required string ProjectId { get; init; }
    public required string TaskId { get; init; }
    public int? ErrorCode { get; init; }
    public string? Error { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? UpdatedAt { get; init; }
}
