using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Serverless.Studio.Catalog;

/// <summary>
/// Copies an operator's local folder of catalog files (<c>bgm/{category}/...</c>, <c>sfx/...</c>) into the catalog
/// container, leaving files already there alone. The local stack uses it for the music dev.sh generates, so a fresh
/// machine has a catalog to choose from.
/// </summary>
public sealed class CatalogSeed(BlobServiceClient blobs, IOptions<CatalogOptions> options, ILogger<CatalogSeed> logger)
{
    /// <returns>How many files were uploaded.</returns>
    public async Task<int> UploadMissingAsync(string folder, CancellationToken cancellationToken = default)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Catalog:SeedFolder '{folder}' does not exist.");
        }

        var container = blobs.GetBlobContainerClient(options.Value.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var uploaded = 0;
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            if (!CatalogRefresher.AudioExtensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
            {
                continue;
            }

            try
            {
                await container.GetBlobClient(name).UploadAsync(
                    file,
                    new BlobUploadOptions { Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All } },
                    cancellationToken);
                uploaded++;
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Already in the catalog: an operator's copy there wins over the seed.
            }
        }

        logger.LogInformation("Catalog seed: {Uploaded} file(s) uploaded from {Folder}", uploaded, folder);
        return uploaded;
    }
}
