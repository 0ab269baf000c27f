using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Serverless.Durable.AzureStorage;

/// <summary>
/// Keeps values that are too big for a queue message (64 KB) or a table property (64 KB, 1 MB per entity) in
/// blobs, named under the instance id so a purge removes them with the instance.
/// </summary>
internal sealed class PayloadStore(BlobContainerClient container)
{
    /// <summary>Table string properties hold 64 KiB of UTF-16; stay well below.</summary>
    public const int TablePropertyLimit = 30_000;

    /// <summary>Queue messages hold 64 KiB after XML escaping; stay well below.</summary>
    public const int QueueMessageLimit = 45_000;

    public BlobContainerClient Container { get; } = container;

    public async Task UploadAsync(string blobName, string value, CancellationToken cancellation) =>
        await Container.GetBlobClient(blobName).UploadAsync(BinaryData.FromString(value), overwrite: true, cancellation);

    public async Task<string> DownloadAsync(string blobName, CancellationToken cancellation)
    {
        var content = await Container.GetBlobClient(blobName).DownloadContentAsync(cancellation);
        return content.Value.Content.ToString();
    }

    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellation)
    {
        await foreach (var blob in Container.GetBlobsAsync(BlobTraits.None, BlobStates.None, instanceId + "/", cancellation))
        {
            await Container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellation);
        }
    }

    public static string BlobNameFor(string instanceId, string what) => $"{instanceId}/{what}";

    public static bool FitsInTable(string? value) => value is null || value.Length <= TablePropertyLimit;

    public static bool FitsInQueue(string value) => Encoding.UTF8.GetByteCount(value) <= QueueMessageLimit;

    public static bool IsMissing(RequestFailedException e) => e.Status == 404;
}
