using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Projects;

/// <summary>Projects in Cosmos DB. Every read names the owner, so another user's project is simply not found.</summary>
public sealed class ProjectStore(StudioDatabase database)
{
    public async Task CreateAsync(Project project, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Projects);
        await container.CreateItemAsync(project, new PartitionKey(project.UserId), cancellationToken: cancellationToken);
    }

    public async Task<Project?> FindAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Projects);
        return await container.FindAsync<Project>(projectId, userId, cancellationToken);
    }

    public async Task UpsertAsync(Project project, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Projects);
        await container.UpsertItemAsync(project, new PartitionKey(project.UserId), cancellationToken: cancellationToken);
    }
}
