using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Serverless.Functions.Api;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Auth;

/// <summary>
/// Authenticates <c>X-Api-Key</c>: first the operator's keys from configuration, compared by SHA-256 digest in
/// constant time, then users' issued keys, found by digest. Neither timing nor logs reveal a key.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    IOptionsMonitor<ApiKeyOptions> keys,
    ApiKeys issuedKeys,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string HeaderName = "X-Api-Key";
    public const string KeyIdClaim = "key_id";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(HeaderName, out var presented) || string.IsNullOrEmpty(presented))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = presented.ToString();
        if (keys.CurrentValue.Find(secret) is { } configured)
        {
            return Success(configured.UserId, configured.Role, keyId: null);
        }

        var issued = await issuedKeys.AuthenticateAsync(secret, Context.RequestAborted);
        return issued is null ? AuthenticateResult.Fail("Unknown API key.") : Success(issued.UserId, issued.Role, issued.KeyId);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        var message = Request.Headers.ContainsKey(HeaderName)
            ? "The API key is not valid (it may have been deleted)."
            : $"Authenticate with the {HeaderName} header or Authorization: Bearer <access token>.";
        return Response.WriteAsJsonAsync(ApiResults.Envelope(Context, ErrorCodes.NotLoggedIn, message, null));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return Response.WriteAsJsonAsync(ApiResults.Envelope(Context, ErrorCodes.Forbidden, "Your role does not allow this.", null));
    }

    private AuthenticateResult Success(string userId, string role, string? keyId)
    {
        List<Claim> claims = [new(ClaimTypes.NameIdentifier, userId), new(ClaimTypes.Role, role)];
        if (keyId is not null)
        {
            claims.Add(new Claim(KeyIdClaim, keyId));
        }

        var identity = new ClaimsIdentity(claims, SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
