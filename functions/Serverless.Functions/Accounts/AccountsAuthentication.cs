using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Accounts;

/// <summary>
/// Who is calling: a bearer access token or an API key, chosen by header; roles as claims (per-user rate limits: <see cref="CallerRateLimit"/>).
/// </summary>
public static class AccountsAuthentication
{
    /// <summary>The default scheme: forwards to the bearer or API-key scheme by the header the request carries.</summary>
    public const string SchemeName = "Studio";

    public const string AdminPolicy = "admin";

    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.ApiKeys.All(k => k.Key.Length >= 24 && !string.IsNullOrEmpty(k.UserId)), "Auth:ApiKeys entries need a Key of at least 24 characters and a UserId.")
            .ValidateOnStart();
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AccessTokens>();

        services.AddAuthentication(SchemeName)
            .AddPolicyScheme(SchemeName, "Bearer token or API key", o => o.ForwardDefaultSelector = SelectScheme)
            .AddJwtBearer()
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme).Configure<IOptions<JwtOptions>>((bearer, jwt) =>
        {
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = AccessTokens.ValidationParameters(jwt.Value);
            bearer.Events = new JwtBearerEvents
            {
                OnTokenValidated = RejectSignedOutSessionAsync,
                OnChallenge = ChallengeAsync,
                OnForbidden = ForbiddenAsync,
            };
        });
        services.AddAuthorizationBuilder().AddPolicy(AdminPolicy, p => p.RequireAuthenticatedUser().RequireRole(UserRoles.Admin));
        services.AddSingleton<CallerRateLimit>();
        return services;
    }

    private static string SelectScheme(HttpContext http) =>
        http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            ? JwtBearerDefaults.AuthenticationScheme
            : ApiKeyAuthenticationHandler.SchemeName;

    private static async Task RejectSignedOutSessionAsync(TokenValidatedContext context)
    {
        var sessionId = context.Principal?.FindFirst(AccessTokens.SessionClaim)?.Value;
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
        if (sessionId is null || !await sessions.IsLiveAsync(sessionId, context.HttpContext.RequestAborted))
        {
            context.Fail("The session of this token has been signed out.");
        }
    }

    private static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var expired = context.AuthenticateFailure is SecurityTokenExpiredException;
        var http = context.HttpContext;
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = expired ? "Bearer error=\"invalid_token\", error_description=\"expired\"" : "Bearer";
        var (code, message) = expired
            ? (ErrorCodes.TokenExpired, "The access token has expired; refresh it with POST /api/v1/auth/refresh.")
            : (ErrorCodes.NotLoggedIn, context.AuthenticateFailure is null ? "Authenticate with Authorization: Bearer <access token> or the X-Api-Key header." : "The access token is not valid.");
        await http.Response.WriteAsJsonAsync(ApiResults.Envelope(http, code, message, null), http.RequestAborted);
    }

    private static Task ForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return context.Response.WriteAsJsonAsync(ApiResults.Envelope(context.HttpContext, ErrorCodes.Forbidden, "Your role does not allow this.", null));
    }
}
