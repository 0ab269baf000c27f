using System.Text.Json;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Subtitles;

/// <summary>Edited subtitle tracks in Blob storage, one per project, read only on behalf of the project's owner.</summary>
public sealed class SubtitleStore(AssetStore blobs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BlobRef TrackBlob(string userId, string projectId) => new(StudioContainers.Scripts, $"{userId}/{projectId}/subtitles.json");

    public async Task<SubtitleTrack?> FindAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        (await FindVersionAsync(userId, projectId, cancellationToken))?.Track;

    /// <summary>The edited track with the blob's ETag it was read at, for a conditional <see cref="TrySaveAsync"/>; null when none.</summary>
    public async Task<(SubtitleTrack Track, string ETag)?> FindVersionAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (await blobs.DownloadVersionAsync(TrackBlob(userId, projectId), cancellationToken) is not var (content, etag))
        {
            return null;
        }

        var track = content.ToObjectFromJson<SubtitleTrack>(Json);
        return track?.UserId == userId ? (track, etag.ToString()) : null;
    }

    /// <summary>
    /// Writes the track only if the blob is still at <paramref name="etag"/> (null: only if there is none yet); answers
    /// the new ETag, or null when another write came first.
    /// </summary>
    public async Task<string?> TrySaveAsync(SubtitleTrack track, string? etag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(track);
        var written = await blobs.TryUploadAsync(
            TrackBlob(track.UserId, track.ProjectId), BinaryData.FromObjectAsJson(track, Json), "application/json", etag is null ? null : new Azure.ETag(etag), cancellationToken);
        return written?.ToString();
    }

    public Task DeleteAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        blobs.DeleteAsync(TrackBlob(userId, projectId), cancellationToken);
}
