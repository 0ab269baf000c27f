using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Storage;

/// <summary>Blob storage for scripts, generated assets and renders.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>A connection string (Azurite locally). In Azure, leave empty and set <see cref="BlobServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    public Uri? BlobServiceUri { get; set; }
    public Uri? QueueServiceUri { get; set; }
    public Uri? TableServiceUri { get; set; }

    /// <summary>How long a download link stays valid.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan DownloadLinkLifetime { get; set; } = TimeSpan.FromMinutes(15);
}
