namespace Serverless.Studio.Accounts;

/// <summary>
/// An API key as listed to its owner (container <c>apiKeys</c>, partitioned by <c>/userId</c>). The key itself is
/// never stored: only its SHA-256 digest, and a prefix so the owner can tell keys apart.
/// </summary>
public sealed record ApiKey
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string Name { get; init; }

    public required string Prefix { get; init; }

    public required string Digest { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>Finds a key's owner from its digest (container <c>apiKeyDigests</c>, id = the digest).</summary>
public sealed record ApiKeyDigest(string Id, string UserId, string KeyId);

/// <summary>Who an API key acts for, with the role it carries.</summary>
public sealed record ApiKeyIdentity(string UserId, string KeyId, string Role);

/// <summary>A key just created: the only time its secret is seen.</summary>
public sealed record IssuedApiKey(ApiKey Key, string Secret);
