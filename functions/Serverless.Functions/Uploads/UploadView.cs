using Serverless.Studio.Uploads;

namespace Serverless.Functions.Uploads;

/// <summary>An uploaded script as listed: the video it started, or why it failed.</summary>
public sealed record UploadView(
    string Id,
    string Blob,
    string ETag,
    long SizeBytes,
    UploadStatus Status,
    string? ProjectId,
    string? TaskId,
    int? ErrorCode,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt)
{
    /// <summary>Only a started upload names its project and task; a failed one's ids point at nothing.</summary>
    public static UploadView Of(UploadReceipt r) => new(
        r.Id,
        r.Blob,
        r.ETag,
        r.SizeBytes,
        r.Status,
        r.Status == UploadStatus.Started ? r.ProjectId : null,
        r.Status == UploadStatus.Started ? r.TaskId : null,
        r.ErrorCode,
        r.Error,
        r.CreatedAt,
        r.UpdatedAt);
}
