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

    /// <summary>The bible with the ETag it was read at, for a conditional <see cref="TrySaveAsync"/>; (null, null) when there is none.</summary>
    public async Task<(CharacterBible? Bible, string? ETag)> FindVersionAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (!StudioIds.IsProjectId(projectId))
        {
            return (null, null);
        }

        var container = await database.ContainerAsync(StudioContainers.Characters);
        try
        {
            var read = await container.ReadItemAsync<CharacterBible>(projectId, new PartitionKey(projectId), cancellationToken: cancellationToken);
            return read.Resource.UserId == userId ? (read.Resource, read.ETag) : (null, null);
        }
        catch (CosmosException e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return (null, null);
        }
    }

    /// <summary>
    /// Writes the bible only if it is still at <paramref name="etag"/> (null: only if there is none yet); answers the
    /// new ETag, or null when another write came first.
    /// </summary>
    public async Task<string?> TrySaveAsync(CharacterBible bible, string? etag, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Characters);
        try
        {
            var written = etag is null
                ? await container.CreateItemAsync(bible, new PartitionKey(bible.ProjectId), cancellationToken: cancellationToken)
                : await container.ReplaceItemAsync(bible, bible.Id, new PartitionKey(bible.ProjectId), new ItemRequestOptions { IfMatchEtag = etag }, cancellationToken);
            return written.ETag;
        }
        catch (CosmosException e) when (e.StatusCode is System.Net.HttpStatusCode.PreconditionFailed or System.Net.HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    /// <summary>
    /// Merges a script's declared characters into the project's bible under its ETag, redone on the fresh bible when
    /// a user's edit lands in between, so a parse never overwrites an edit. Answers the merged bible.
    /// </summary>
    public Task<CharacterBible> MergeAsync(
        string userId, string projectId, IReadOnlyList<Screenplays.Character> declared, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        ChangeAsync(userId, projectId, bible => bible.Merge(declared, now), now, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the project's bible (an empty one when there is none) under its ETag, redone
    /// on the fresh bible when another write lands in between. Answers the bible written.
    /// </summary>
    public async Task<CharacterBible> ChangeAsync(
        string userId, string projectId, Func<CharacterBible, CharacterBible> change, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        const int attempts = 8;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            await EntityTags.BackOffAsync(attempt, cancellationToken);
            var (bible, etag) = await FindVersionAsync(userId, projectId, cancellationToken);
            var changed = change(bible ?? CharacterBible.Empty(projectId, userId, now));
            if (await TrySaveAsync(changed, etag, cancellationToken) is not null)
            {
                return changed;
            }
        }

        throw new InvalidOperationException($"The character bible of {projectId} kept changing while it was written ({attempts} attempts).");
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
