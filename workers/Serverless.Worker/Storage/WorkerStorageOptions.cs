namespace Serverless.Worker.Storage;

/// <summary>
/// The storage account reached through an identity (managed identity in Azure, with <c>AZURE_CLIENT_ID</c> naming
/// it). Without <see cref="BlobServiceUri"/> the worker uses <c>ConnectionStrings:Storage</c>, and only in the
/// Development environment falls back to Azurite.
/// </summary>
public sealed class WorkerStorageOptions
{
    public const string Section = "Storage";

    public Uri? BlobServiceUri { get; set; }

    /// <summary>Needed with <see cref="BlobServiceUri"/>: results go back on the render-results queue, and storage-queue jobs come over it.</summary>
    public Uri? QueueServiceUri { get; set; }
}
