using System.Text.Json;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Subtitles;

/// <summary>Edited subtitle tracks in Blob storage, one per project, read only on behalf of the project's owner.</summary>
public sealed class SubtitleStore(AssetStore blobs)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static BlobRef TrackBlob(string userId, string projectId) => new(StudioContainers.Scripts, $"{userId}/{projectId}/subtitles.json");

    public async Task<SubtitleTrack?> FindAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        var blob = TrackBlob(userId, projectId);
        if (await blobs.GetPropertiesAsync(blob, cancellationToken) is null)
        {
            return null;
        }

        var track = (await blobs.DownloadAsync(blob, cancellationToken)).ToObjectFromJson<SubtitleTrack>(Json);
        return track?.UserId == userId ? track : null;
    }

    public Task SaveAsync(SubtitleTrack track, CancellationToken cancellationToken = default) =>
        blobs.UploadAsync(TrackBlob(track.UserId, track.ProjectId), BinaryData.FromObjectAsJson(track, Json), "application/json", cancellationToken);

    public Task DeleteAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        blobs.DeleteAsync(TrackBlob(userId, projectId), cancellationToken);
}
