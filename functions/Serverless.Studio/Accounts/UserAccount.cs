namespace Serverless.Studio.Accounts;

/// <summary>A registered user (container <c>users</c>, partitioned by <c>/id</c>).</summary>
public sealed record UserAccount
{
    public required string Id { get; init; }

    public required string Email { get; init; }

    public required string Username { get; init; }

    public required string PasswordHash { get; init; }

    public required string Role { get; init; }

    public required string Plan { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the owner followed the verification link; until then the account is on <c>Accounts:UnverifiedPlan</c>.</summary>
    public DateTimeOffset? VerifiedAt { get; init; }

    /// <summary>Digest of the pending verification link's secret; null when verified, or for an account that claims no address.</summary>
    public string? VerificationDigest { get; init; }

    public DateTimeOffset? VerificationExpiresAt { get; init; }
}

/// <summary>Claims an email address for one account (container <c>emails</c>, id = the normalized address).</summary>
public sealed record EmailClaim(string Id, string UserId);
