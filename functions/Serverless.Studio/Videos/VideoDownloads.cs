using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Videos;

/// <summary>Hands out download links for a user's own finished videos.</summary>
public sealed class VideoDownloads(ProjectStore projects, AssetStore assets)
{
    /// <summary>Null when the project is not the user's or has no video yet.</summary>
    public async Task<VideoDownload?> FindAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (!StudioIds.IsProjectId(projectId))
        {
            return null;
        }

        var project = await projects.FindAsync(userId, projectId, cancellationToken);
        if (project?.Video is not { } video)
        {
            return null;
        }

        var (url, expiresAt) = await assets.CreateDownloadLinkAsync(video.Blob, $"{project.Id}{Path.GetExtension(video.Blob.Path)}", cancellationToken);
        return new VideoDownload(url, expiresAt, video.SizeBytes, video.DurationSeconds);
    }
}
