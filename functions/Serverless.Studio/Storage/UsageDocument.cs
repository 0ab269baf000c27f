using System.Net;
using Microsoft.Azure.Cosmos;

namespace Serverless.Studio.Storage;

/// <summary>
/// One of a user's small counters in the <c>usage</c> container (monthly quota, running tasks, failed sign-ins), read with
/// its ETag and written back only if nobody changed it meanwhile; callers redo their change on a lost race.
/// </summary>
public static class UsageDocument
{
    /// <summary>The document and its ETag; both null when it does not exist yet.</summary>
    public static async Task<(T? Document, string? ETag)> ReadAsync<T>(Container container, string id, string userId, CancellationToken cancellationToken)
    {
        try
        {
            var response = await container.ReadItemAsync<T>(id, new PartitionKey(userId), cancellationToken: cancellationToken);
            return (response.Resource, response.ETag);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return (default, null);
        }
    }

    /// <summary>
    /// Creates the document (no <paramref name="etag"/>) or replaces the version read; false when another writer got there
    /// first, so the caller reads again.
    /// </summary>
    public static async Task<bool> TryWriteAsync<T>(Container container, T document, string id, string userId, string? etag, CancellationToken cancellationToken)
    {
        try
        {
            if (etag is null)
            {
                await container.CreateItemAsync(document, new PartitionKey(userId), cancellationToken: cancellationToken);
            }
            else
            {
                await container.ReplaceItemAsync(document, id, new PartitionKey(userId), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
            }

            return true;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.Conflict)
        {
            return false;
        }
    }
}
