using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Serverless.Contracts.Rendering;
using Serverless.Media;

namespace Serverless.Worker.Storage;

/// <summary>
/// Blob storage (Azurite locally). Uploads stage blocks and commit the block list only once every block is in:
/// until the commit the blob does not exist for readers, and a crash mid-upload leaves only uncommitted blocks,
/// which the service discards. That is what makes "the output exists" mean "the output is complete".
/// </summary>
public sealed class AzureBlobStore(BlobServiceClient service) : IBlobStore
{
    private const int BlockSize = 8 * 1024 * 1024;

    public async Task DownloadToFileAsync(BlobRef blob, string path, CancellationToken cancellationToken)
    {
        try
        {
            await service.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Path).DownloadToAsync(path, cancellationToken);
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            File.Delete(path);
            throw new InvalidRenderJobException($"Input blob {blob} does not exist.", exception);
        }
    }

    public async Task<StoredBlob?> GetAsync(BlobRef blob, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await service.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Path).GetPropertiesAsync(cancellationToken: cancellationToken);
            return new StoredBlob(blob, properties.Value.ContentLength, new Dictionary<string, string>(properties.Value.Metadata));
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteAsync(BlobRef blob, CancellationToken cancellationToken) =>
        await service.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Path).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    public async Task UploadAsync(BlobRef blob, string path, string contentType, IReadOnlyDictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        var container = service.GetBlobContainerClient(blob.Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var client = container.GetBlockBlobClient(blob.Path);

        var blockIds = new List<string>();
        var buffer = new byte[BlockSize];
        await using (var file = File.OpenRead(path))
        {
            while (true)
            {
                var read = await file.ReadAtLeastAsync(buffer, BlockSize, throwOnEndOfStream: false, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                // Fresh ids per attempt: blocks left over from a crashed upload are never committed by mistake.
                var id = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
                using var block = new MemoryStream(buffer, 0, read, writable: false);
                await client.StageBlockAsync(id, block, cancellationToken: cancellationToken);
                blockIds.Add(id);
            }
        }

        await client.CommitBlockListAsync(
            blockIds,
            new CommitBlockListOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Metadata = metadata.ToDictionary(),
            },
            cancellationToken);
    }
}
