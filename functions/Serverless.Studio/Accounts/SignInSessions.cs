using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Accounts;

/// <summary>
/// Rotating refresh tokens (<c>rt_{session}.{secret}</c>). Presenting the current token swaps it for a new one
/// under the session's ETag; presenting one of the session's earlier tokens means it leaked or was replayed, so the
/// session is revoked for everyone holding it. A secret the session never issued is only refused: whoever knows a
/// session id (it is in every refresh token, and in logs) must not be able to sign its owner out.
/// </summary>
public sealed class SignInSessions(
    StudioDatabase database,
    IMemoryCache cache,
    IOptions<AccountOptions> options,
    TimeProvider time,
    ILogger<SignInSessions> logger)
{
    private const string Prefix = "rt_";

    /// <summary>Exchanged tokens remembered per session; an older one presented again is refused without revoking.</summary>
    public const int MaxRetiredTokens = 64;

    /// <summary>
    /// How long "this session is live" is remembered for access-token checks. A revocation here evicts at once; other
    /// instances see it within this window, which stays below the access tokens' own lifetime.
    /// </summary>
    public static readonly TimeSpan LivenessCacheDuration = TimeSpan.FromSeconds(30);

    public async Task<(string SessionId, string RefreshToken)> StartAsync(string userId, CancellationToken cancellationToken = default)
    {
        var sessionId = AccountIds.NewSessionId();
        var secret = AccountIds.NewSecret();
        var now = time.GetUtcNow();
        var container = await database.ContainerAsync(StudioContainers.Sessions);
        await container.CreateItemAsync(new SignInSession
        {
            Id = sessionId,
            UserId = userId,
            TokenDigest = AccountIds.Digest(secret),
            Generation = 0,
            CreatedAt = now,
            ExpiresAt = now + options.Value.RefreshTokenLifetime,
        }, new PartitionKey(sessionId), cancellationToken: cancellationToken);
        return (sessionId, Format(sessionId, secret));
    }

    public async Task<RefreshOutcome> RotateAsync(string refreshToken, CancellationToken cancellationToken = default)
    {
        if (!TryParse(refreshToken, out var sessionId, out var secret))
        {
            return new RefreshOutcome.Refused();
        }

        var container = await database.ContainerAsync(StudioContainers.Sessions);
        ItemResponse<SignInSession> read;
        try
        {
            read = await container.ReadItemAsync<SignInSession>(sessionId, new PartitionKey(sessionId), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return new RefreshOutcome.Refused();
        }

        var session = read.Resource;
        var now = time.GetUtcNow();
        if (session.RevokedAt is not null || session.ExpiresAt <= now)
        {
            return new RefreshOutcome.Refused();
        }

        if (!DigestMatches(session.TokenDigest, secret))
        {
            if (!session.RetiredDigests.Contains(AccountIds.Digest(secret), StringComparer.Ordinal))
            {
                logger.LogWarning("A refresh token this session never issued was presented for session {SessionId}; refused", session.Id);
                return new RefreshOutcome.Refused();
            }

            await RevokeAsync(session, "refresh token reused", cancellationToken);
            logger.LogWarning("Refresh token reuse on session {SessionId} of user {UserId}; session revoked", session.Id, session.UserId);
            return new RefreshOutcome.ReuseDetected();
        }

        var next = AccountIds.NewSecret();
        try
        {
            await container.ReplaceItemAsync(
                session with
                {
                    TokenDigest = AccountIds.Digest(next),
                    RetiredDigests = [.. session.RetiredDigests.TakeLast(MaxRetiredTokens - 1), session.TokenDigest],
                    Generation = session.Generation + 1,
                    ExpiresAt = now + options.Value.RefreshTokenLifetime,
                },
                session.Id,
                new PartitionKey(session.Id),
                new ItemRequestOptions { IfMatchEtag = read.ETag },
                cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.PreconditionFailed)
        {
            // Two refreshes with the same token raced; only one may win, and the token has now been used twice.
            return await RevokeAndReportReuseAsync(session.Id, cancellationToken);
        }

        return new RefreshOutcome.Rotated(session.UserId, session.Id, Format(session.Id, next));
    }

    /// <summary>Ends a session of this user; false when it is not theirs or does not exist.</summary>
    public async Task<bool> RevokeAsync(string userId, string sessionId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(StudioContainers.Sessions);
        var session = await container.FindAsync<SignInSession>(sessionId, sessionId, cancellationToken);
        if (session is null || session.UserId != userId)
        {
            return false;
        }

        await RevokeAsync(session, "signed out", cancellationToken);
        return true;
    }

    /// <summary>Whether access tokens of this session are still honoured (cached briefly: checked on every request).</summary>
    public async ValueTask<bool> IsLiveAsync(string sessionId, CancellationToken cancellationToken = default)
    {
        if (cache.TryGetValue(CacheKey(sessionId), out bool live))
        {
            return live;
        }

        var container = await database.ContainerAsync(StudioContainers.Sessions);
        var session = await container.FindAsync<SignInSession>(sessionId, sessionId, cancellationToken);
        live = session is { RevokedAt: null } && session.ExpiresAt > time.GetUtcNow();
        cache.Set(CacheKey(sessionId), live, LivenessCacheDuration);
        return live;
    }

    public static bool TryGetSessionId(string refreshToken, out string sessionId) => TryParse(refreshToken, out sessionId, out _);

    private async Task<RefreshOutcome> RevokeAndReportReuseAsync(string sessionId, CancellationToken cancellationToken)
    {
        var container = await database.ContainerAsync(StudioContainers.Sessions);
        if (await container.FindAsync<SignInSession>(sessionId, sessionId, cancellationToken) is { } current)
        {
            await RevokeAsync(current, "refresh token raced", cancellationToken);
        }

        return new RefreshOutcome.ReuseDetected();
    }

    private async Task RevokeAsync(SignInSession session, string reason, CancellationToken cancellationToken)
    {
        var container = await database.ContainerAsync(StudioContainers.Sessions);
        await container.UpsertItemAsync(session with { RevokedAt = time.GetUtcNow(), RevokedReason = reason }, new PartitionKey(session.Id), cancellationToken: cancellationToken);
        cache.Remove(CacheKey(session.Id));
    }

    private static string Format(string sessionId, string secret) => $"{Prefix}{sessionId}.{secret}";

    private static bool TryParse(string token, out string sessionId, out string secret)
    {
        sessionId = secret = "";
        if (token.Length > 256 || !token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0)
        {
            return false;
        }

        sessionId = token[Prefix.Length..dot];
        secret = token[(dot + 1)..];
        return sessionId.StartsWith("ses_", StringComparison.Ordinal) && sessionId.Skip(4).All(char.IsAsciiHexDigitLower) && secret.Length > 0;
    }

    private static bool DigestMatches(string storedDigest, string secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedDigest), Encoding.ASCII.GetBytes(AccountIds.Digest(secret)));

    private static string CacheKey(string sessionId) => "session-live:" + sessionId;
}
