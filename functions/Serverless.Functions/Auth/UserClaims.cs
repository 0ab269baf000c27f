using System.Security.Claims;

namespace Serverless.Functions.Auth;

public static class UserClaims
{
    /// <summary>The authenticated user's id; endpoints that call this require authorization.</summary>
    public static string UserId(this ClaimsPrincipal user) =>
        user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The request is not authenticated.");
}
