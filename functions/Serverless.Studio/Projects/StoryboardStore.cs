using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Projects;

/// <summary>A project's current storyboard (Cosmos container <c>storyboards</c>, partitioned by <c>/projectId</c>).</summary>
public sealed record StoryboardDocument(string Id, string ProjectId, string UserId, string TaskId, Storyboard Storyboard, DateTimeOffset UpdatedAt);

/// <summary>How a storyboard update ended: saved (with the document and its new ETag), or why not.</summary>
public enum StoryboardUpdateKind
{
    Saved,

    /// <summary>The change left the storyboard as it was (or declined to make one): nothing written.</summary>
    Unchanged,

    /// <summary>No storyboard of the user's project (or another user's).</summary>
    NotFound,

    /// <summary>The caller's If-Match named a version that is no longer the stored one.</summary>
    Stale,

    /// <summary>Every attempt lost the race to another writer.</summary>
    Contended,
}

public sealed record StoryboardUpdate(StoryboardUpdateKind Kind, StoryboardDocument? Document = null, string? ETag = null)
{
    /// <summary>Why a user's edit was not saved, in words for a 409; null when it was saved, unchanged or not found.</summary>
    private string? ConflictReason => Kind switch
    {
        StoryboardUpdateKind.Stale => "the storyboard changed since it was read (If-Match); read it again and redo the edit",
        StoryboardUpdateKind.Contended => "the storyboard is being changed by others at this moment; try again",
        _ => null,
    };

    /// <summary>
    /// The answer to a user's edit that did not go through: a conflict with its reason, or not found when there is no
    /// storyboard or no <paramref name="found"/> thing to edit in it; null when it went through.
    /// </summary>
    public Outcome<T>? Refusal<T>(bool found) =>
        ConflictReason is { } conflict ? Outcome<T>.Conflict(conflict)
        : Kind == StoryboardUpdateKind.NotFound || !found ? Outcome<T>.NotFound()
        : null;

    /// <summary>For a job's write, which has no user to answer: a storyboard it cannot write fails the job, loudly.</summary>
    public StoryboardUpdate EnsureWritten(string projectId) => Kind switch
    {
        StoryboardUpdateKind.Saved or StoryboardUpdateKind.Unchanged => this,
        StoryboardUpdateKind.NotFound => throw new InvalidOperationException($"The storyboard of project {projectId} no longer exists."),
        _ => throw new InvalidOperationException($"The storyboard of project {projectId} kept changing under {StoryboardStore.MaxAttempts} attempts to save it."),
    };
}

/// <summary>
/// Storyboards in Cosmos DB, one document per project, read only on behalf of the project's owner. Every write is a
/// read-modify-write under the document's ETag (<see cref="UpdateAsync"/>), so two jobs or edits at once never lose one.
/// </summary>
public sealed class StoryboardStore(StudioDatabase database, TimeProvider time)
{
    /// <summary>Writes lost to a concurrent one before an update gives up; each redo re-reads and re-applies the change.</summary>
    public const int MaxAttempts = 8;

    /// <summary>
    /// Applies <paramref name="change"/> to the stored storyboard (null when there is none yet) and saves the result only
    /// if nobody wrote in between; a lost race is redone on the fresh storyboard up to <see cref="MaxAttempts"/> times,
    /// unless <paramref name="ifMatch"/> pins the version the client read, which then answers <see cref="StoryboardUpdateKind.Stale"/>.
    /// A change returning null writes nothing. <paramref name="taskId"/>, when given, records the task that wrote it.
    /// </summary>
    public async Task<StoryboardUpdate> UpdateAsync(
        string userId, string projectId, Func<Storyboard?, Storyboard?> change, string? taskId = null, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (!StudioIds.IsProjectId(projectId))
        {
            return new StoryboardUpdate(StoryboardUpdateKind.NotFound);
        }

        var container = await database.ContainerAsync(StudioContainers.Storyboards);
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await EntityTags.BackOffAsync(attempt, cancellationToken);
            var (current, etag) = await ReadAsync(container, projectId, cancellationToken);
            if (current is not null && current.UserId != userId)
            {
                return new StoryboardUpdate(StoryboardUpdateKind.NotFound);
            }

            if (ifMatch is not null && !EntityTags.Same(ifMatch, etag))
            {
                return new StoryboardUpdate(StoryboardUpdateKind.Stale, current, etag);
            }

            if (change(current?.Storyboard) is not { } next)
            {
                return new StoryboardUpdate(current is null ? StoryboardUpdateKind.NotFound : StoryboardUpdateKind.Unchanged, current, etag);
            }

            var document = new StoryboardDocument(projectId, projectId, userId, taskId ?? current?.TaskId ?? "", next, time.GetUtcNow());
            try
            {
                var written = etag is null
                    ? await container.CreateItemAsync(document, new PartitionKey(projectId), cancellationToken: cancellationToken)
                    : await container.ReplaceItemAsync(document, projectId, new PartitionKey(projectId), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
                return new StoryboardUpdate(StoryboardUpdateKind.Saved, document, written.ETag);
            }
            catch (CosmosException e) when (e.StatusCode is System.Net.HttpStatusCode.PreconditionFailed or System.Net.HttpStatusCode.Conflict)
            {
                if (ifMatch is not null)
                {
                    return new StoryboardUpdate(StoryboardUpdateKind.Stale);
                }
            }
        }

        return new StoryboardUpdate(StoryboardUpdateKind.Contended);
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

    public async Task<StoryboardDocument?> FindDocumentAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        (await FindVersionAsync(userId, projectId, cancellationToken)).Document;

    /// <summary>The storyboard with the ETag it was read at; (null, null) when the user's project has none.</summary>
    public async Task<(StoryboardDocument? Document, string? ETag)> FindVersionAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (!StudioIds.IsProjectId(projectId))
        {
            return (null, null);
        }

        var container = await database.ContainerAsync(StudioContainers.Storyboards);
        var (document, etag) = await ReadAsync(container, projectId, cancellationToken);
        return document?.UserId == userId ? (document, etag) : (null, null);
    }

    private static async Task<(StoryboardDocument? Document, string? ETag)> ReadAsync(Container container, string projectId, CancellationToken cancellationToken)
    {
        try
        {
            var read = await container.ReadItemAsync<StoryboardDocument>(projectId, new PartitionKey(projectId), cancellationToken: cancellationToken);
            return (read.Resource, read.ETag);
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return (null, null);
        }
    }
}
