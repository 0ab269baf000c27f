using System.Security.Cryptography;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Serverless.Studio.Orchestrations;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Assets;

/// <summary>
/// Uploads go straight to Blob storage through a short-lived write link for one blob; the app only records them
/// and, on completion, checks that the file arrived with the size declared for it. A write link cannot bound what is
/// written through it, so an upload never completed is swept once its link has expired.
/// </summary>
public sealed class AssetService(
    ProjectStore projects,
    ProjectAssetStore records,
    AssetStore blobs,
    DurableTaskClient durable,
    TimeProvider time,
    ILogger<AssetService> logger)
{
    public const long MaxAssetBytes = 200L * 1024 * 1024;
    public static readonly TimeSpan UploadLinkLifetime = TimeSpan.FromMinutes(15);

    /// <summary>How old a pending upload is when it is swept: its link's lifetime and a grace for a write still in flight.</summary>
    public static readonly TimeSpan UnfinishedUploadAge = UploadLinkLifetime + TimeSpan.FromMinutes(15);

    public static readonly IReadOnlyList<string> ContentTypes =
        ["image/png", "image/jpeg", "image/webp", "audio/wav", "audio/mpeg", "video/mp4", "text/plain"];

    private const int MaxAssetsPerProject = 500;

    public async Task<Outcome<AssetUpload>> BeginUploadAsync(string userId, string projectId, AssetUploadRequest request, CancellationToken cancellationToken = default)
    {
        if (!await OwnsAsync(userId, projectId, cancellationToken))
        {
            return Outcome<AssetUpload>.NotFound();
        }

        if (UploadFileNames.Clean(request.FileName) is not { } fileName)
        {
            return Outcome<AssetUpload>.Invalid("file_name", UploadFileNames.Expected);
        }

        if (request.ContentType is not { } contentType || !ContentTypes.Contains(contentType))
        {
            return Outcome<AssetUpload>.Invalid("content_type", $"one of {string.Join(", ", ContentTypes)}");
        }

        if (request.SizeBytes is not { } size || size is <= 0 or > MaxAssetBytes)
        {
            return Outcome<AssetUpload>.Invalid("size_bytes", $"between 1 and {MaxAssetBytes} bytes");
        }

        if ((await records.ListAsync(userId, projectId, cancellationToken)).Count >= MaxAssetsPerProject)
        {
            return Outcome<AssetUpload>.Conflict($"a project holds at most {MaxAssetsPerProject} assets");
        }

        var id = "ast_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var blob = AssetStore.Asset(userId, projectId, $"uploads/{id}/{Uri.EscapeDataString(fileName)}");
        await records.SaveAsync(new ProjectAsset
        {
            Id = id,
            ProjectId = projectId,
            UserId = userId,
            FileName = fileName,
            ContentType = contentType,
            Blob = blob,
            Status = AssetStatus.Pending,
            DeclaredSizeBytes = size,
            CreatedAt = time.GetUtcNow(),
        }, cancellationToken);
        var sweep = new OutputSweep(userId, projectId, AssetId: id);
        await durable.ScheduleNewOrchestrationInstanceAsync(
            nameof(OutputSweepOrchestrator), sweep, new StartOrchestrationOptions(InstanceId: sweep.InstanceId()), cancellationToken);
        var (url, expiresAt) = await blobs.CreateUploadLinkAsync(blob, UploadLinkLifetime, cancellationToken);
        var headers = new Dictionary<string, string> { ["x-ms-blob-type"] = "BlockBlob", ["Content-Type"] = contentType };
        return Outcome<AssetUpload>.Ok(new AssetUpload(id, url, expiresAt, "PUT", headers));
    }

    /// <summary>Marks an upload done once its file is there and within its bounds.</summary>
    public async Task<Outcome<ProjectAsset>> CompleteAsync(string userId, string projectId, string assetId, CancellationToken cancellationToken = default)
    {
        var asset = await records.FindAsync(userId, projectId, assetId, cancellationToken);
        if (asset is null)
        {
            return Outcome<ProjectAsset>.NotFound();
        }

        var properties = await blobs.GetPropertiesAsync(asset.Blob, cancellationToken);
        if (properties is null)
        {
            return Outcome<ProjectAsset>.Conflict("the file has not been uploaded yet");
        }

        // The record stays pending: its link may still be used until it expires, and the upload's sweep removes both then.
        if (properties.ContentLength > MaxAssetBytes || properties.ContentLength != asset.DeclaredSizeBytes)
        {
            await blobs.DeleteAsync(asset.Blob, cancellationToken);
            logger.LogWarning("Upload {AssetId} of project {ProjectId} refused: {Actual} bytes, {Declared} declared", asset.Id, projectId, properties.ContentLength, asset.DeclaredSizeBytes);
            return Outcome<ProjectAsset>.Invalid(
                "size_bytes", $"the uploaded file has {properties.ContentLength} bytes, not the {asset.DeclaredSizeBytes} declared (at most {MaxAssetBytes}); it was removed");
        }

        var ready = asset with { Status = AssetStatus.Ready, SizeBytes = properties.ContentLength, UploadedAt = time.GetUtcNow() };
        await records.SaveAsync(ready, cancellationToken);
        return Outcome<ProjectAsset>.Ok(ready);
    }

    /// <summary>
    /// Removes the upload's file and record when it is still pending <see cref="UnfinishedUploadAge"/> after its link
    /// was handed out; answers how many files were removed (a completed or younger upload is left alone).
    /// </summary>
    public async Task<int> SweepUnfinishedUploadAsync(string userId, string projectId, string assetId, CancellationToken cancellationToken = default)
    {
        // The record goes first, under the ETag it was judged by: a completion that came in between keeps the upload and its file.
        var now = time.GetUtcNow();
        var asset = await records.DeleteWhileAsync(
            userId, projectId, assetId, a => a.Status == AssetStatus.Pending && now >= a.CreatedAt + UnfinishedUploadAge, cancellationToken);
        if (asset is null)
        {
            return 0;
        }

        await blobs.DeleteAsync(asset.Blob, cancellationToken);
        logger.LogInformation("Upload {AssetId} of project {ProjectId} never completed; swept", assetId, projectId);
        return 1;
    }

    public async Task<IReadOnlyList<ProjectAsset>?> ListAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        await OwnsAsync(userId, projectId, cancellationToken) ? await records.ListAsync(userId, projectId, cancellationToken) : null;

    public async Task<bool> DeleteAsync(string userId, string projectId, string assetId, CancellationToken cancellationToken = default)
    {
        var asset = await records.FindAsync(userId, projectId, assetId, cancellationToken);
        if (asset is null)
        {
            return false;
        }

        await blobs.DeleteAsync(asset.Blob, cancellationToken);
        await records.DeleteAsync(asset, cancellationToken);
        return true;
    }

    private async Task<bool> OwnsAsync(string userId, string projectId, CancellationToken cancellationToken) =>
        StudioIds.IsProjectId(projectId) && await projects.FindAsync(userId, projectId, cancellationToken) is not null;
}
