namespace Serverless.Studio.Accounts;

/// <summary>
/// One sign-in and its chain of refresh tokens (container <c>sessions</c>, partitioned by <c>/id</c>). Only the
/// digest of the current token is kept; each refresh replaces it, so the chain is the token family.
/// </summary>
public sealed record SignInSession
{
    public required string Id { get; init; }

    public required string UserId { get; init; }

    public required string TokenDigest { get; init; }

    /// <summary>Digests of this session's tokens already exchanged, newest last (at most <c>SignInSessions.MaxRetiredTokens</c>).</summary>
    public IReadOnlyList<string> RetiredDigests { get; init; } = [];

    public required int Generation { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public DateTimeOffset? RevokedAt { get; init; }

    public string? RevokedReason { get; init; }
}

/// <summary>The outcome of presenting a refresh token.</summary>
public abstract record RefreshOutcome
{
    public sealed record Rotated(string UserId, string SessionId, string RefreshToken) : RefreshOutcome;

    /// <summary>Unknown, malformed, expired or revoked.</summary>
    public sealed record Refused : RefreshOutcome;

    /// <summary>A token of this session already exchanged was presented again: the whole session has been revoked.</summary>
    public sealed record ReuseDetected : RefreshOutcome;
}
