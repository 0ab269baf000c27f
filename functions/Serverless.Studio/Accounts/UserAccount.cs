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
}

/// <summary>Claims an email address for one account (container <c>emails</c>, id = the normalized address).</summary>
public sealed record EmailClaim(string Id, string UserId);
