using System.Net;
using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.VideoTemplates;

/// <summary>Users' own templates in Cosmos; the built-ins are code (<see cref="BuiltInTemplates"/>) and answered beside them.</summary>
public sealed class VideoTemplateStore(StudioDatabase database)
{
    public const string Templates = "videoTemplates";

    /// <summary>A template the user may use: a built-in or one of their own.</summary>
    public async Task<VideoTemplate?> FindAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        if (BuiltInTemplates.Find(id) is { } builtIn)
        {
            return builtIn;
        }

        var container = await database.ContainerAsync(Templates);
        return await container.FindAsync<VideoTemplate>(id, userId, cancellationToken);
    }

    /// <summary>The built-ins, then the user's own by name.</summary>
    public async Task<IReadOnlyList<VideoTemplate>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Templates);
        var own = await container.QueryPartitionAsync<VideoTemplate>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId").WithParameter("@userId", userId), userId, cancellationToken);
        return [.. BuiltInTemplates.All, .. own.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    public async Task UpsertAsync(VideoTemplate template, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Templates);
        await container.UpsertItemAsync(template, new PartitionKey(template.UserId), cancellationToken: cancellationToken);
    }

    /// <returns>Whether there was one to delete.</returns>
    public async Task<bool> DeleteAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Templates);
        try
        {
            await container.DeleteItemAsync<VideoTemplate>(id, new PartitionKey(userId), cancellationToken: cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
