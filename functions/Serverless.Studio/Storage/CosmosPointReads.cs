using System.Net;
using Microsoft.Azure.Cosmos;

namespace Serverless.Studio.Storage;

public static class CosmosPointReads
{
    /// <summary>One document by id inside one partition, or null when there is none.</summary>
    public static async Task<T?> FindAsync<T>(this Container container, string id, string partitionKey, CancellationToken cancellationToken = default)
        where T : class
    {
        try
        {
            return (await container.ReadItemAsync<T>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }
}
