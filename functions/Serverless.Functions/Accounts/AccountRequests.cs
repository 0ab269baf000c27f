namespace Serverless.Functions.Accounts;

/// <summary>Body of <c>POST /api/v1/auth/register</c>.</summary>
public sealed record RegisterRequest(string? Email, string? Password, string? Username);

/// <summary>Body of <c>POST /api/v1/auth/login</c>.</summary>
public sealed record LoginRequest(string? Email, string? Password);

/// <summary>Body of <c>POST /api/v1/auth/refresh</c>.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>Body of <c>POST /api/v1/keys</c>.</summary>
public sealed record CreateApiKeyRequest(string? Name);

/// <summary>Body of <c>PATCH /api/v1/users/{userId}</c> (admins only).</summary>
public sealed record UpdateUserAccessRequest(string? Role, string? Plan);

/// <summary>What sign-in, registration and refresh answer: the access token to send and the refresh token to keep.</summary>
public sealed record TokenPair(string UserId, string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string RefreshToken);

/// <summary>A plan's monthly allowance (null = no limit), what is used and when it resets.</summary>
public sealed record PlanQuota(string Plan, int? VideosPerMonth, int VideosThisMonth, DateTimeOffset ResetsAt, int? UnitsPerMonth, int UnitsThisMonth);

/// <summary><c>GET /api/v1/users/me</c>: the caller, their plan and quota.</summary>
public sealed record CurrentUser(string UserId, string? Email, string? Username, string? Role, string Plan, DateTimeOffset? CreatedAt, PlanQuota Quota);

/// <summary>A user's role and plan after an admin changed them.</summary>
public sealed record UserAccess(string UserId, string Role, string Plan);

/// <summary><c>POST /api/v1/auth/logout</c>'s answer.</summary>
public sealed record SessionEnded(bool SignedOut);

/// <summary>A new API key with its secret, which no later answer shows.</summary>
public sealed record IssuedKeyView(string KeyId, string Name, string Key, string Prefix, DateTimeOffset CreatedAt);

/// <summary>An API key as listed: its prefix, never its secret.</summary>
public sealed record ApiKeyView(string KeyId, string Name, string Prefix, DateTimeOffset CreatedAt);

/// <summary>A deleted API key.</summary>
public sealed record ApiKeyDeleted(string KeyId, bool Deleted);
