using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Projects;

/// <summary>A project's current storyboard (Cosmos container <c>storyboards</c>, partitioned by <c>/projectId</c>).</summary>
public sealed record StoryboardDocument(string Id, string ProjectId, string UserId, string TaskId, Storyboard Storyboard, DateTimeOffset UpdatedAt);

/// <summary>Storyboards in Cosmos DB, one document per project, read only on behalf of the project's owner.</summary>
public sealed class StoryboardStore(StudioDatabase database)
{
    public async Task SaveAsync(StoryboardDocument document, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Storyboards);
        await container.UpsertItemAsync(document, new PartitionKey(document.ProjectId), cancellationToken: cancellationToken);
    }

    public async Task DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Storyboards);
        try
        {
            await container.DeleteItemAsync<StoryboardDocument>(projectId, new PartitionKey(projectId), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // The project never had a storyboard.
        }
    }

    public async Task<Storyboard?> FindAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        (await FindDocumentAsync(userId, projectId, cancellationToken))?.Storyboard;

    public async Task<StoryboardDocument?> FindDocumentAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (!StudioIds.IsProjectId(projectId))
        {
            return null;
        }

        var container = await database.ContainerAsync(StudioContainers.Storyboards);
        var document = await container.FindAsync<StoryboardDocument>(projectId, projectId, cancellationToken);
        return document?.UserId == userId ? document : null;
    }
}
