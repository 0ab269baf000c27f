using System.Net;
using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Conversations;

/// <summary>Users' conversations in Cosmos DB; every read and write names the owner's partition.</summary>
public sealed class ConversationStore(StudioDatabase database)
{
    public const string Conversations = "conversations";

    public async Task CreateAsync(ConversationRecord record, CancellationToken cancellationToken = default) =>
        await (await database.ContainerAsync(Conversations)).CreateItemAsync(record, new PartitionKey(record.UserId), cancellationToken: cancellationToken);

    /// <summary>Replaces the conversation only if it is still <paramref name="etag"/>; false when another write came first.</summary>
    public async Task<bool> ReplaceAsync(ConversationRecord record, string etag, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Conversations);
        try
        {
            await container.ReplaceItemAsync(record, record.Id, new PartitionKey(record.UserId), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode is HttpStatusCode.PreconditionFailed or HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>The conversation and its ETag, or null when it is not the user's.</summary>
    public async Task<(ConversationRecord Record, string ETag)?> FindAsync(string userId, string conversationId, CancellationToken cancellationToken = default)
    {
        if (!CosmosPointReads.IsPossibleId(conversationId))
        {
            return null;
        }

        var container = await database.ContainerAsync(Conversations);
        try
        {
            var read = await container.ReadItemAsync<ConversationRecord>(conversationId, new PartitionKey(userId), cancellationToken: cancellationToken);
            return (read.Resource, read.ETag);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<IReadOnlyList<ConversationSummary>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Conversations);
        return await container.QueryPartitionAsync<ConversationSummary>(
            new QueryDefinition("SELECT c.id, c.title, c.model, c.messageCount, c.createdAt, c.updatedAt FROM c WHERE c.userId = @key").WithParameter("@key", userId),
            userId,
            cancellationToken);
    }

    public async Task<bool> DeleteAsync(string userId, string conversationId, CancellationToken cancellationToken = default) =>
        CosmosPointReads.IsPossibleId(conversationId)
        && await (await database.ContainerAsync(Conversations)).DeleteIfThereAsync<ConversationRecord>(conversationId, userId, cancellationToken);
}
