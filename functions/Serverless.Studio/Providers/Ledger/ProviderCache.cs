using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;

namespace Serverless.Studio.Providers.Ledger;

/// <summary>
/// Paid provider results kept in blob container <c>provider-cache</c>, addressed by the SHA-256 of the canonical
/// request (provider kind, address, model and what was asked) under the user's own folder: an identical request of
/// the same user is answered from here instead of being paid twice, and one user never receives what another's
/// request produced.
/// </summary>
public sealed class ProviderCache(BlobServiceClient blobs)
{
    public const string Container = "provider-cache";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // Created with the studio's other containers (StudioContainers.Blobs).
    private readonly BlobContainerClient _container = blobs.GetBlobContainerClient(Container);

    /// <summary>The blob name of <paramref name="request"/> for <paramref name="userId"/>.</summary>
    public static string KeyOf(string userId, string request) =>
        $"{userId}/{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(request)))}.json";

    public async Task<T?> FindAsync<T>(string key, CancellationToken cancellationToken = default)
        where T : class
    {
        var blob = _container.GetBlobClient(key);
        try
        {
            var content = await blob.DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToObjectFromJson<T>(Json);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task StoreAsync<T>(string key, T value, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlobClient(key);
        await blob.UploadAsync(BinaryData.FromObjectAsJson(value, Json), overwrite: true, cancellationToken);
    }
}
