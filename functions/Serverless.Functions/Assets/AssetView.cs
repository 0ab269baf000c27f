using Serverless.Studio.Assets;

namespace Serverless.Functions.Assets;

/// <summary>A project's uploaded file as the API shows it (its blob stays private).</summary>
public sealed record AssetView(string AssetId, string FileName, string ContentType, AssetStatus Status, long? SizeBytes, DateTimeOffset CreatedAt, DateTimeOffset? UploadedAt)
{
    public static AssetView Of(ProjectAsset asset) =>
        new(asset.Id, asset.FileName, asset.ContentType, asset.Status, asset.SizeBytes, asset.CreatedAt, asset.UploadedAt);
}

/// <summary>A deleted asset.</summary>
public sealed record AssetDeleted(string AssetId, bool Deleted);
