using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Accounts;

/// <summary>Users' API keys (<c>sk_...</c>): issued once, stored as digests, looked up on every keyed request.</summary>
public sealed class ApiKeys(
    StudioDatabase database,
    AccountStore accounts,
    IMemoryCache cache,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<ApiKeys> logger)
{
    public const string SecretPrefix = "sk_";
    public const int MaxNameLength = 100;
    private const int DisplayedCharacters = 8;

    /// <summary>
    /// A key's owner is remembered this long, so the task-polling hot path does not read Cosmos per request.
    /// Deleting a key evicts it here at once; another instance keeps honouring it at most this long, which is
    /// why the window is seconds, not minutes. Unknown keys are remembered for <see cref="UnknownCacheDuration"/>, which
    /// cannot delay a new key: nobody presented its secret before it was issued.
    /// </summary>
    public static readonly TimeSpan LookupCacheDuration = TimeSpan.FromSeconds(15);

    /// <summary>How long a key that matched nothing is answered without a read (bounded by the rate limit, so the cache stays small).</summary>
    public static readonly TimeSpan UnknownCacheDuration = TimeSpan.FromSeconds(30);

    /// <summary>Issues a key; null when the user already holds the most keys allowed.</summary>
    public async Task<IssuedApiKey?> CreateAsync(string userId, string name, CancellationToken cancellationToken = default)
    {
        if ((await ListAsync(userId, cancellationToken)).Count >= options.Value.MaxApiKeysPerUser)
        {
            return null;
        }

        var secret = SecretPrefix + AccountIds.NewSecret();
        var key = new ApiKey
        {
            Id = AccountIds.NewApiKeyId(),
            UserId = userId,
            Name = name,
            Prefix = secret[..(SecretPrefix.Length + DisplayedCharacters)],
            Digest = AccountIds.Digest(secret),
            CreatedAt = time.GetUtcNow(),
        };

        // The listing row first: a key that cannot be listed could never be deleted by its owner.
        var keys = await database.ContainerAsync(StudioContainers.ApiKeys);
        await keys.CreateItemAsync(key, new PartitionKey(userId), cancellationToken: cancellationToken);
        var digests = await database.ContainerAsync(StudioContainers.ApiKeyDigests);
        await digests.CreateItemAsync(new ApiKeyDigest(key.Digest, userId, key.Id), new PartitionKey(key.Digest), cancellationToken: cancellationToken);
        logger.LogInformation("API key {KeyId} ({Prefix}) issued to {UserId}", key.Id, key.Prefix, userId);
        return new IssuedApiKey(key, secret);
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var keys = await database.ContainerAsync(StudioContainers.ApiKeys);
        var query = keys.GetItemQueryIterator<ApiKey>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId").WithParameter("@userId", userId),
            requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId), MaxItemCount = options.Value.MaxApiKeysPerUser });
        var found = new List<ApiKey>();
        while (query.HasMoreResults)
        {
            found.AddRange(await query.ReadNextAsync(cancellationToken));
        }

        return [.. found.OrderBy(k => k.CreatedAt)];
    }

    /// <summary>Deletes one of the user's keys; false when the user has no such key.</summary>
    public async Task<bool> DeleteAsync(string userId, string keyId, CancellationToken cancellationToken = default)
    {
        var keys = await database.ContainerAsync(StudioContainers.ApiKeys);
        var key = await keys.FindAsync<ApiKey>(keyId, userId, cancellationToken);
        if (key is null)
        {
            return false;
        }

        // The digest row goes first: once it is gone no instance can authenticate with the key again.
        var digests = await database.ContainerAsync(StudioContainers.ApiKeyDigests);
        await DeleteIfPresentAsync(digests, key.Digest, cancellationToken);
        cache.Remove(CacheKey(key.Digest));
        await DeleteIfPresentAsync(keys, keyId, userId, cancellationToken);
        logger.LogInformation("API key {KeyId} of {UserId} deleted", keyId, userId);
        return true;
    }

    /// <summary>
    /// Whether the secret's answer is in <paramref name="cache"/> (a live key, or one that matched nothing): checking it
    /// reads nothing. Static, so the rate limit can ask without the database behind this type.
    /// </summary>
    public static bool IsRemembered(IMemoryCache cache, string secret)
    {
        ArgumentNullException.ThrowIfNull(cache);
        var digest = AccountIds.Digest(secret);
        return cache.TryGetValue(CacheKey(digest), out _) || cache.TryGetValue(UnknownCacheKey(digest), out _);
    }

    /// <summary>Who the presented secret acts for, or null when it is no live key.</summary>
    public async ValueTask<ApiKeyIdentity?> AuthenticateAsync(string secret, CancellationToken cancellationToken = default)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 128)
        {
            return null;
        }

        var digest = AccountIds.Digest(secret);
        if (cache.TryGetValue(CacheKey(digest), out ApiKeyIdentity? known))
        {
            return known;
        }

        if (cache.TryGetValue(UnknownCacheKey(digest), out _))
        {
            return null;
        }

        var digests = await database.ContainerAsync(StudioContainers.ApiKeyDigests);
        var row = await digests.FindAsync<ApiKeyDigest>(digest, digest, cancellationToken);
        if (row is null)
        {
            // A guessed or revoked key asked again costs no database read. A new key cannot be caught here: its secret
            // is generated when it is issued, so nobody presented it before.
            cache.Set(UnknownCacheKey(digest), true, UnknownCacheDuration);
            return null;
        }

        var account = await accounts.FindAsync(row.UserId, cancellationToken);
        if (account is null)
        {
            return null;
        }

        var identity = new ApiKeyIdentity(row.UserId, row.KeyId, account.Role);
        cache.Set(CacheKey(digest), identity, LookupCacheDuration);
        return identity;
    }

    private static Task DeleteIfPresentAsync(Container container, string id, CancellationToken cancellationToken) =>
        DeleteIfPresentAsync(container, id, id, cancellationToken);

    private static async Task DeleteIfPresentAsync(Container container, string id, string partitionKey, CancellationToken cancellationToken)
    {
        try
        {
            await container.DeleteItemAsync<object>(id, new PartitionKey(partitionKey), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            // Already gone: an earlier delete got this far and failed later.
        }
    }

    private static string CacheKey(string digest) => "api-key:" + digest;

    /// <summary>Where an unknown key's miss is remembered.</summary>
    public static string UnknownCacheKey(string digest) => "api-key-unknown:" + digest;
}
