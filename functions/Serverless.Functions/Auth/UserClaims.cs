using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Serverless.Functions.Auth;

public static class UserClaims
{
    /// <summary>The authenticated user's id; endpoints that call this require authorization.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue(JwtRegisteredClaimNames.Sub)
        ?? throw new InvalidOperationException("The request is not authenticated.");

    /// <summary>The user's id when the request is authenticated, else null.</summary>
    public static string? UserIdOrNull(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue(JwtRegisteredClaimNames.Sub) : null;
}
