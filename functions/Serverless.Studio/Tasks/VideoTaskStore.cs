using Microsoft.Azure.Cosmos;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Tasks;

/// <summary>Tasks in Cosmos DB, read by id with the project key the id carries, and checked against the owner.</summary>
public sealed class VideoTaskStore(StudioDatabase database)
{
    /// <summary>Raised with the task id after this process wrote a task, so cached views of it are dropped.</summary>
    public event Action<string>? Written;

    public async Task UpsertAsync(VideoTask task, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Tasks);
        await container.UpsertItemAsync(task, new PartitionKey(task.ProjectId), cancellationToken: cancellationToken);
        Written?.Invoke(task.Id);
    }

    /// <summary>The project's tasks (one partition), the owner's only.</summary>
    public async Task<IReadOnlyList<VideoTask>> ListByProjectAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Tasks);
        var query = new QueryDefinition("SELECT * FROM c WHERE c.projectId = @projectId").WithParameter("@projectId", projectId);
        var all = new List<VideoTask>();
        using var feed = container.GetItemQueryIterator<VideoTask>(query, requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(projectId) });
        while (feed.HasMoreResults)
        {
            all.AddRange(await feed.ReadNextAsync(cancellationToken));
        }

        return all.Where(t => t.UserId == userId).ToList();
    }

    public async Task<VideoTask?> FindAsync(string userId, string taskId, CancellationToken cancellationToken = default)
    {
        if (!StudioIds.TryGetProjectId(taskId, out var projectId))
        {
            return null;
        }

        var container = await database.ContainerAsync(StudioContainers.Tasks);
        var task = await container.FindAsync<VideoTask>(taskId, projectId, cancellationToken);
        return task?.UserId == userId ? task : null;
    }
}
