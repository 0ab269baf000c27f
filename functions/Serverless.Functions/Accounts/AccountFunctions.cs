using Microsoft.AspNetCore.Authorization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Accounts;

/// <summary>Signing up and in, the current user, API keys, and (admins) a user's role and plan.</summary>
public sealed class AccountFunctions(AccountService accounts, SignInSessions sessions, AccessTokens tokens, AccountStore store, VideoQuota quota, IOptions<AccountOptions> options, ApiKeys keys)
{
    /// <summary>
    /// Creates an account on the unverified plan, mails a verification link and signs it in: 201 with its id and a token
    /// pair, alike whether or not the address already had an account (its owner is told by e-mail instead).
    /// </summary>
    [Function("Register")]
    [AllowAnonymous]
    [Takes<RegisterRequest>]
    [Answers<TokenPair>(StatusCodes.Status201Created)]
    [Fails(StatusCodes.Status400BadRequest)]
    public async Task<IResult> RegisterAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/auth/register")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<RegisterRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        if (AccountService.Validate(body!.Email, body.Password, body.Username) is var (field, reason))
        {
            return ApiResults.BadRequest(http, field, reason);
        }

        var account = await accounts.RegisterAsync(body.Email!, body.Password!, body.Username!, http.RequestAborted);
        var pair = await SignInAsync(account, sessions, tokens, http.RequestAborted);
        return Created(http, "/api/v1/users/me", pair);
    }

    /// <summary>The link mailed at registration: verifies the address and moves the account to the default plan.</summary>
    [Function("VerifyEmail")]
    [AllowAnonymous]
    [Answers<UserAccess>]
    [Fails(StatusCodes.Status400BadRequest)]
    public async Task<IResult> VerifyEmailAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/auth/verify-email")] HttpRequest req)
    {
        var http = req.HttpContext;
        var token = http.Request.Query["token"].ToString();
        var account = string.IsNullOrEmpty(token) ? null : await accounts.VerifyAsync(token, http.RequestAborted);
        return account is null
            ? ApiResults.BadRequest(http, "token", "not a current verification link")
            : ApiResults.Ok(http, new UserAccess(account.Id, account.Role, account.Plan));
    }

    [Function("Login")]
    [AllowAnonymous]
    [Takes<LoginRequest>]
    [Answers<TokenPair>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests)]
    public async Task<IResult> LoginAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/auth/login")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<LoginRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrWhiteSpace(body!.Email) || body.Email.Length > AccountService.MaxEmailLength)
        {
            return ApiResults.BadRequest(http, "email", "required");
        }

        if (string.IsNullOrEmpty(body.Password) || body.Password.Length > AccountService.MaxPasswordLength)
        {
            return ApiResults.BadRequest(http, "password", "required");
        }

        UserAccount? account;
        try
        {
            account = await accounts.SignInAsync(body.Email, body.Password, http.RequestAborted);
        }
        catch (SignInLockedException locked)
        {
            var seconds = Math.Max(1, (int)Math.Ceiling(locked.RetryAfter.TotalSeconds));
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return ApiResults.Error(http, StatusCodes.Status429TooManyRequests, ErrorCodes.QuotaExceeded, $"{locked.Message} Retry after {seconds} s.");
        }

        return account is null
            ? ApiResults.Error(http, StatusCodes.Status401Unauthorized, ErrorCodes.NotLoggedIn, "The email or password is wrong.")
            : ApiResults.Ok(http, await SignInAsync(account, sessions, tokens, http.RequestAborted));
    }

    /// <summary>Swaps a refresh token for a new pair; an old token presented again ends its whole session.</summary>
    [Function("RefreshToken")]
    [AllowAnonymous]
    [Takes<RefreshRequest>]
    [Answers<TokenPair>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> RefreshAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/auth/refresh")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<RefreshRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        if (string.IsNullOrEmpty(body!.RefreshToken))
        {
            return ApiResults.BadRequest(http, "refresh_token", "required");
        }

        var outcome = await sessions.RotateAsync(body.RefreshToken, http.RequestAborted);
        if (outcome is not RefreshOutcome.Rotated rotated)
        {
            var message = outcome is RefreshOutcome.ReuseDetected
                ? "This refresh token was already used; the session has been signed out. Sign in again."
                : "The refresh token is not valid; sign in again.";
            return ApiResults.Error(http, StatusCodes.Status401Unauthorized, ErrorCodes.NotLoggedIn, message);
        }

        var account = await store.FindAsync(rotated.UserId, http.RequestAborted);
        if (account is null)
        {
            return ApiResults.Error(http, StatusCodes.Status401Unauthorized, ErrorCodes.NotLoggedIn, "The account no longer exists.");
        }

        var access = tokens.Issue(account.Id, account.Role, rotated.SessionId);
        return ApiResults.Ok(http, TokenPair(account.Id, access, rotated.RefreshToken));
    }

    /// <summary>Ends the caller's session: its refresh token stops working, and so do its access tokens.</summary>
    [Function("Logout")]
    [TakesNoBody]
    [Answers<SessionEnded>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> LogoutAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/auth/logout")] HttpRequest req)
    {
        var http = req.HttpContext;
        var sessionId = http.User.FindFirst(AccessTokens.SessionClaim)?.Value;
        if (sessionId is null)
        {
            return ApiResults.BadRequest(http, "authorization", "sign out with the access token of a session; API keys are removed with DELETE /api/v1/keys/{key_id}");
        }

        await sessions.RevokeAsync(http.User.UserId(), sessionId, http.RequestAborted);
        return ApiResults.Ok(http, new SessionEnded(SignedOut: true));
    }

    [Function("GetCurrentUser")]
    [Answers<CurrentUser>]
    [Fails(StatusCodes.Status401Unauthorized)]
    public async Task<IResult> MeAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/users/me")] HttpRequest req)
    {
        var http = req.HttpContext;
        var userId = http.User.UserId();
        var account = await store.FindAsync(userId, http.RequestAborted);
        var standing = await quota.GetAsync(userId, http.RequestAborted);
        var role = account?.Role ?? http.User.FindFirst(c => c.Type == System.Security.Claims.ClaimTypes.Role || c.Type == AccessTokens.RoleClaim)?.Value;
        return ApiResults.Ok(http, new CurrentUser(userId, account?.Email, account?.Username, role, standing.Plan, account?.CreatedAt, QuotaView(standing)));
    }

    [Function("UpdateUserAccess")]
    [Authorize(Policy = AccountsAuthentication.AdminPolicy)]
    [Takes<UpdateUserAccessRequest>]
    [Answers<UserAccess>]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status403Forbidden)]
    public async Task<IResult> UpdateAccessAsync([HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "v1/users/{userId}")] HttpRequest req, string userId)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<UpdateUserAccessRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Role is { } role && !AccessTokens.IsRole(role))
        {
            return ApiResults.BadRequest(http, "role", $"one of {string.Join(", ", UserRoles.All)}");
        }

        if (body.Plan is { } plan && !options.Value.Plans.ContainsKey(plan))
        {
            return ApiResults.BadRequest(http, "plan", $"one of {string.Join(", ", options.Value.Plans.Keys)}");
        }

        var account = await accounts.ChangeAccessAsync(userId, body.Role, body.Plan?.ToLowerInvariant(), http.RequestAborted);
        return account is null
            ? ApiResults.NotFound(http, $"User '{userId}'")
            : ApiResults.Ok(http, new UserAccess(account.Id, account.Role, account.Plan));
    }

    /// <summary>Issues an API key; its secret is in this answer and nowhere else, ever.</summary>
    [Function("CreateApiKey")]
    [Takes<CreateApiKeyRequest>]
    [Answers<IssuedKeyView>(StatusCodes.Status201Created)]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> CreateKeyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/keys")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (body, problem) = await JsonBody.ReadAsync<CreateApiKeyRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        var name = body!.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > ApiKeys.MaxNameLength || name.Any(char.IsControl))
        {
            return ApiResults.BadRequest(http, "name", $"1 to {ApiKeys.MaxNameLength} printable characters");
        }

        var issued = await keys.CreateAsync(http.User.UserId(), name, http.RequestAborted);
        if (issued is null)
        {
            return ApiResults.BadRequest(http, "name", $"at most {options.Value.MaxApiKeysPerUser} keys per user; delete one first");
        }

        return Created(http, $"/api/v1/keys/{issued.Key.Id}", new IssuedKeyView(issued.Key.Id, issued.Key.Name, issued.Secret, issued.Key.Prefix, issued.Key.CreatedAt));
    }

    [Function("ListApiKeys")]
    [Answers<ItemList<ApiKeyView>>]
    [Fails(StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ListKeysAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/keys")] HttpRequest req)
    {
        var http = req.HttpContext;
        var found = await keys.ListAsync(http.User.UserId(), http.RequestAborted);
        return ApiResults.Ok(http, new ItemList<ApiKeyView>(found.Select(k => new ApiKeyView(k.Id, k.Name, k.Prefix, k.CreatedAt)).ToList(), found.Count));
    }

    [Function("DeleteApiKey")]
    [Answers<ApiKeyDeleted>]
    [FailsOnOwnedResource]
    public async Task<IResult> DeleteKeyAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/keys/{keyId}")] HttpRequest req, string keyId) =>
        keyId.Length <= 64 && await keys.DeleteAsync(req.HttpContext.User.UserId(), keyId, req.HttpContext.RequestAborted)
            ? ApiResults.Ok(req.HttpContext, new ApiKeyDeleted(keyId, Deleted: true))
            : ApiResults.NotFound(req.HttpContext, $"API key '{keyId}'");

    private static async Task<TokenPair> SignInAsync(UserAccount account, SignInSessions sessions, AccessTokens tokens, CancellationToken cancellationToken)
    {
        var (sessionId, refreshToken) = await sessions.StartAsync(account.Id, cancellationToken);
        return TokenPair(account.Id, tokens.Issue(account.Id, account.Role, sessionId), refreshToken);
    }

    private static TokenPair TokenPair(string userId, AccessToken access, string refreshToken) =>
        new(userId, access.Token, "Bearer", access.ExpiresAt, refreshToken);

    /// <summary>How a plan's quota is shown: the monthly allowance (null = no limit), what is used, when it resets.</summary>
    public static PlanQuota QuotaView(QuotaStatus status) =>
        new(status.Plan, status.VideosPerMonth, status.VideosThisMonth, status.ResetsAt, status.UnitsPerMonth, status.UnitsThisMonth);

    private static IResult Created(HttpContext http, string location, object data)
    {
        http.Response.Headers.Location = location;
        return Results.Json(ApiResults.Envelope(http, 0, "created", data), statusCode: StatusCodes.Status201Created);
    }
}
