using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Sas;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Storage;

/// <summary>Files of a project in Blob storage, under <c>{userId}/{projectId}/...</c> in each container.</summary>
public sealed class AssetStore(BlobServiceClient blobs, IOptions<StorageOptions> options, TimeProvider time)
{
    private readonly Lazy<Task> _containers = new(async () =>
    {
        foreach (var name in StudioContainers.Blobs)
        {
            await blobs.GetBlobContainerClient(name).CreateIfNotExistsAsync();
        }
    });

    public static BlobRef Asset(string userId, string projectId, string relativePath) =>
        new(StudioContainers.Assets, $"{userId}/{projectId}/{relativePath}");

    public static BlobRef Render(string userId, string projectId, string fileName) =>
        new(StudioContainers.Renders, $"{userId}/{projectId}/{fileName}");

    public Task EnsureContainersAsync() => _containers.Value;

    public async Task UploadAsync(BlobRef blob, BinaryData content, string contentType, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        await Client(blob).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        }, cancellationToken);
    }

    /// <summary>
    /// Writes the blob only if it is still at <paramref name="ifMatch"/> (null: only if there is none yet); answers the
    /// new ETag, or null when another write came first.
    /// </summary>
    public async Task<ETag?> TryUploadAsync(BlobRef blob, BinaryData content, string contentType, ETag? ifMatch, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        try
        {
            var written = await Client(blob).UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
                Conditions = ifMatch is { } etag ? new BlobRequestConditions { IfMatch = etag } : new BlobRequestConditions { IfNoneMatch = ETag.All },
            }, cancellationToken);
            return written.Value.ETag;
        }
        catch (RequestFailedException e) when (e.Status is 412 or 409)
        {
            return null;
        }
    }

    /// <summary>The blob's content with the ETag it was read at, or null when there is none.</summary>
    public async Task<(BinaryData Content, ETag ETag)?> DownloadVersionAsync(BlobRef blob, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = (await Client(blob).DownloadContentAsync(cancellationToken)).Value;
            return (read.Content, read.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }
    }

    public async Task<BinaryData> DownloadAsync(BlobRef blob, CancellationToken cancellationToken = default) =>
        (await Client(blob).DownloadContentAsync(cancellationToken)).Value.Content;

    /// <summary>The blob's content as a stream read as it is consumed: for files too large to hold in memory.</summary>
    public async Task<Stream> OpenReadAsync(BlobRef blob, CancellationToken cancellationToken = default) =>
        await Client(blob).OpenReadAsync(new BlobOpenReadOptions(allowModifications: false), cancellationToken);

    /// <summary>A stream that writes the blob (replacing any) as it is written to, committed when it is disposed.</summary>
    public async Task<Stream> OpenWriteAsync(BlobRef blob, string contentType, CancellationToken cancellationToken = default) =>
        await Client(blob).OpenWriteAsync(overwrite: true, new BlobOpenWriteOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, cancellationToken);

    public async Task<BlobProperties?> GetPropertiesAsync(BlobRef blob, CancellationToken cancellationToken = default)
    {
        var client = Client(blob);
        return await client.ExistsAsync(cancellationToken) ? (await client.GetPropertiesAsync(cancellationToken: cancellationToken)).Value : null;
    }

    /// <summary>A read-only link that expires after <see cref="StorageOptions.DownloadLinkLifetime"/>.</summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> CreateDownloadLinkAsync(BlobRef blob, string downloadName, CancellationToken cancellationToken = default)
    {
        var expiresAt = time.GetUtcNow() + options.Value.DownloadLinkLifetime;
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, expiresAt)
        {
            BlobContainerName = blob.Container,
            BlobName = blob.Path,
            Resource = "b",
            ContentDisposition = $"attachment; filename=\"{downloadName}\"",
        };

        return (await SignAsync(blob, sas, cancellationToken), expiresAt);
    }

    /// <summary>
    /// A link that lets its holder create or overwrite this one blob, and nothing else, until it expires. A
    /// <paramref name="readable"/> link may also read it back: a resumed block upload lists the blocks already sent.
    /// </summary>
    public async Task<(Uri Url, DateTimeOffset ExpiresAt)> CreateUploadLinkAsync(BlobRef blob, TimeSpan lifetime, CancellationToken cancellationToken = default, bool readable = false)
    {
        await EnsureContainersAsync();
        var expiresAt = time.GetUtcNow() + lifetime;
        var permissions = BlobSasPermissions.Create | BlobSasPermissions.Write | (readable ? BlobSasPermissions.Read : 0);
        var sas = new BlobSasBuilder(permissions, expiresAt)
        {
            BlobContainerName = blob.Container,
            BlobName = blob.Path,
            Resource = "b",
        };

        return (await SignAsync(blob, sas, cancellationToken), expiresAt);
    }

    /// <summary>The blob's URL with <paramref name="sas"/>: signed with the account key, or with a user delegation key under a managed identity.</summary>
    private async Task<Uri> SignAsync(BlobRef blob, BlobSasBuilder sas, CancellationToken cancellationToken)
    {
        var client = Client(blob);
        if (client.CanGenerateSasUri)
        {
            return client.GenerateSasUri(sas);
        }

        // With a managed identity there is no account key: sign with a short-lived user delegation key instead.
        var key = await blobs.GetUserDelegationKeyAsync(time.GetUtcNow().AddMinutes(-5), sas.ExpiresOn, cancellationToken);
        return new BlobUriBuilder(client.Uri) { Sas = sas.ToSasQueryParameters(key.Value, blobs.AccountName) }.ToUri();
    }

    /// <summary>Writes the blob from a stream as it is read (nothing held whole in memory); answers the new ETag.</summary>
    public async Task<ETag> UploadStreamAsync(BlobRef blob, Stream content, string contentType, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        var written = await Client(blob).UploadAsync(content, new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
        }, cancellationToken);
        return written.Value.ETag;
    }

    /// <summary>
    /// The blob's content as a stream with its ETag, unless it is still at <paramref name="knownETag"/> or there is
    /// none (null then).
    /// </summary>
    public async Task<(Stream Content, ETag ETag)?> OpenReadIfChangedAsync(BlobRef blob, string? knownETag, CancellationToken cancellationToken = default)
    {
        try
        {
            var read = await Client(blob).DownloadStreamingAsync(new BlobDownloadOptions
            {
                Conditions = knownETag is null ? null : new BlobRequestConditions { IfNoneMatch = new ETag(knownETag) },
            }, cancellationToken);
            // "Not modified" comes back as an answer without a body, not as a failure.
            return read.GetRawResponse().Status == 304 ? null : (read.Value.Content, read.Value.Details.ETag);
        }
        catch (RequestFailedException e) when (e.Status is 304 or 404)
        {
            return null;
        }
    }

    /// <summary>
    /// Copies <paramref name="from"/> as it was at <paramref name="version"/> to <paramref name="to"/>, inside the
    /// storage account (no bytes pass through the app); a source changed since is a 412 <see cref="RequestFailedException"/>.
    /// </summary>
    public async Task CopyAsync(BlobRef from, ETag version, BlobRef to, CancellationToken cancellationToken = default)
    {
        await EnsureContainersAsync();
        var copy = await Client(to).StartCopyFromUriAsync(Client(from).Uri, new BlobCopyFromUriOptions
        {
            SourceConditions = new BlobRequestConditions { IfMatch = version },
        }, cancellationToken);
        await copy.WaitForCompletionAsync(cancellationToken);
    }

    public Task DeleteAsync(BlobRef blob, CancellationToken cancellationToken = default) =>
        Client(blob).DeleteIfExistsAsync(cancellationToken: cancellationToken);

    /// <summary>Deletes every blob of <paramref name="container"/> whose name starts with <paramref name="prefix"/>; returns how many.</summary>
    public async Task<int> DeleteAllAsync(string container, string prefix, CancellationToken cancellationToken = default)
    {
        var client = blobs.GetBlobContainerClient(container);
        var deleted = 0;
        await foreach (var item in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, prefix, cancellationToken))
        {
            await client.GetBlobClient(item.Name).DeleteIfExistsAsync(cancellationToken: cancellationToken);
            deleted++;
        }

        return deleted;
    }

    private BlobClient Client(BlobRef blob) => blobs.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Path);
}
