using Microsoft.Azure.Cosmos;

namespace Serverless.Studio.Storage;

public static class CosmosPartitionQueries
{
    /// <summary>Every result of a query inside one partition (the only kind the local emulator serves).</summary>
    public static async Task<IReadOnlyList<T>> QueryPartitionAsync<T>(this Container container, QueryDefinition query, string partitionKey, CancellationToken cancellationToken = default)
    {
        var results = new List<T>();
        using var iterator = container.GetItemQueryIterator<T>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(partitionKey) });
        while (iterator.HasMoreResults)
        {
            results.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return results;
    }
}
