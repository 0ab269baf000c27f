using System.Net;
using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Providers.Records;

/// <summary>Users' provider records in Cosmos DB; every read and write names the owner's partition.</summary>
public sealed class ProviderStore(StudioDatabase database)
{
    public const string Providers = "providers";

    public async Task CreateAsync(ProviderRecord record, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Providers);
        await container.CreateItemAsync(record, new PartitionKey(record.UserId), cancellationToken: cancellationToken);
    }

    public async Task ReplaceAsync(ProviderRecord record, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Providers);
        await container.ReplaceItemAsync(record, record.Id, new PartitionKey(record.UserId), cancellationToken: cancellationToken);
    }

    public async Task<ProviderRecord?> FindAsync(string userId, string providerId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Providers);
        return await container.FindAsync<ProviderRecord>(providerId, userId, cancellationToken);
    }

    public async Task<IReadOnlyList<ProviderRecord>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Providers);
        return await container.QueryPartitionAsync<ProviderRecord>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @key").WithParameter("@key", userId), userId, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string userId, string providerId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Providers);
        try
        {
            await container.DeleteItemAsync<ProviderRecord>(providerId, new PartitionKey(userId), cancellationToken: cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
