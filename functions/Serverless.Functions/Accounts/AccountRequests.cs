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
