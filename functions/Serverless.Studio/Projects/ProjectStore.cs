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

    /// <summary>One page of the user's projects, newest first, and how many there are in all (one partition: the user's).</summary>
    /// <remarks>
    /// Paged here rather than with ORDER BY/OFFSET in the query: the local emulator answers those with 400, and one
    /// user's projects are few enough to read whole.
    /// </remarks>
    public async Task<(IReadOnlyList<Project> Items, int Total)> ListAsync(string userId, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Projects);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId").WithParameter("@userId", userId);
        var all = new List<Project>();
        using var feed = container.GetItemQueryIterator<Project>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        while (feed.HasMoreResults)
        {
            all.AddRange(await feed.ReadNextAsync(cancellationToken));
        }

        var items = all.OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id, StringComparer.Ordinal).Skip((page - 1) * pageSize).Take(pageSize).ToList();
        return (items, all.Count);
    }

    public async Task DeleteAsync(Project project, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Projects);
        try
        {
            await container.DeleteItemAsync<Project>(project.Id, new PartitionKey(project.UserId), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Deleted by a concurrent request: the outcome the caller asked for.
        }
    }

    public async Task UpsertAsync(Project project, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Projects);
        await container.UpsertItemAsync(project, new PartitionKey(project.UserId), cancellationToken: cancellationToken);
    }
}
