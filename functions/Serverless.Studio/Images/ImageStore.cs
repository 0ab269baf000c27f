using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Images;

/// <summary>Users' image records in Cosmos DB; every read and write names the owner's partition.</summary>
public sealed class ImageStore(StudioDatabase database)
{
    public const string Images = "images";

    public async Task CreateAsync(ImageRecord record, CancellationToken cancellationToken = default) =>
        await (await database.ContainerAsync(Images)).CreateItemAsync(record, new PartitionKey(record.UserId), cancellationToken: cancellationToken);

    public async Task<ImageRecord?> FindAsync(string userId, string imageId, CancellationToken cancellationToken = default) =>
        await (await database.ContainerAsync(Images)).FindAsync<ImageRecord>(imageId, userId, cancellationToken);

    public async Task<int> CountAsync(string userId, CancellationToken cancellationToken = default) =>
        (await (await database.ContainerAsync(Images)).QueryPartitionAsync<ImageRecord>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @key").WithParameter("@key", userId), userId, cancellationToken)).Count;
}
