using Microsoft.Azure.Cosmos;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Characters;

/// <summary>Character bibles in Cosmos DB, read only on behalf of the project's owner.</summary>
public sealed class CharacterBibleStore(StudioDatabase database)
{
    public async Task<CharacterBible?> FindAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (!StudioIds.IsProjectId(projectId))
        {
            return null;
        }

        var container = await database.ContainerAsync(StudioContainers.Characters);
        var bible = await container.FindAsync<CharacterBible>(projectId, projectId, cancellationToken);
        return bible?.UserId == userId ? bible : null;
    }

    public async Task SaveAsync(CharacterBible bible, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Characters);
        await container.UpsertItemAsync(bible, new PartitionKey(bible.ProjectId), cancellationToken: cancellationToken);
    }

    public async Task DeleteAsync(string projectId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Characters);
        try
        {
            await container.DeleteItemAsync<CharacterBible>(projectId, new PartitionKey(projectId), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Never built: nothing to remove.
        }
    }
}
