using System.Net;
using Microsoft.Azure.Cosmos;

namespace Serverless.Studio.Storage;

public static class CosmosPointReads
{
    /// <summary>
    /// One document by id inside one partition, or null when there is none. An id no document can have (a character
    /// Cosmos DB refuses in ids, or too long), as a caller may put in a URL, finds nothing without asking the database,
    /// which would answer it with an error rather than "not found".
    /// </summary>
    public static async Task<T?> FindAsync<T>(this Container container, string id, string partitionKey, CancellationToken cancellationToken = default)
        where T : class
    {
        if (!IsPossibleId(id))
        {
            return null;
        }

        try
        {
            return (await container.ReadItemAsync<T>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken)).Resource;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Whether a document of ours could have this id: 1 to 255 printable ASCII characters other than '/', '\\', '?'
    /// and '#' (which Cosmos DB refuses in ids) and '%' (which the SDK puts in the request path unescaped, where a
    /// malformed escape is a bad request). Every id we make is such; anything else a caller puts in a URL (spaces,
    /// control characters, lone surrogates) is not sent to the database at all.
    /// </summary>
    public static bool IsPossibleId(string id) =>
        id.Length is > 0 and <= 255 && id.All(c => c is > ' ' and <= '~' and not ('/' or '\\' or '?' or '#' or '%'));

    /// <summary>Deletes one document; false when there was none (a concurrent delete included: the outcome asked for).</summary>
    public static async Task<bool> DeleteIfThereAsync<T>(this Container container, string id, string partitionKey, CancellationToken cancellationToken = default)
    {
        try
        {
            await container.DeleteItemAsync<T>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Deletes one document only while <paramref name="condition"/> holds for it, under the ETag it was read with: a
    /// write that came between the read and the delete keeps it. Answers the deleted document, or null when there was
    /// none, the condition did not hold, or another write came first.
    /// </summary>
    public static async Task<T?> DeleteWhileAsync<T>(
        this Container container, string id, string partitionKey, Func<T, bool> condition, CancellationToken cancellationToken = default)
        where T : class
    {
        if (!IsPossibleId(id))
        {
            return null;
        }

        try
        {
            var read = await container.ReadItemAsync<T>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
            if (!condition(read.Resource))
            {
                return null;
            }

            await container.DeleteItemAsync<T>(id, new PartitionKey(partitionKey), new ItemRequestOptions { IfMatchEtag = read.ETag }, cancellationToken);
            return read.Resource;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.PreconditionFailed)
        {
            return null;
        }
    }
}
