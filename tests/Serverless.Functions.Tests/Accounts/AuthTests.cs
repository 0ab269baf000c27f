using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Accounts;

/// <summary>Registration, sign-in, rotating refresh tokens, sign-out and access-token checks, over HTTP.</summary>
public sealed class AuthTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Register_answers_201_with_a_user_that_me_describes()
    {
        var user = await ApiClient.RegisterAsync(_client);

        Assert.StartsWith("usr_", user.UserId, StringComparison.Ordinal);
        Assert.StartsWith("rt_", user.RefreshToken, StringComparison.Ordinal);
        var me = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", user.AccessToken)), HttpStatusCode.OK, 0);
        var data = me.GetProperty("data");
        Assert.Equal(user.UserId, data.GetProperty("user_id").GetString());
        Assert.Equal(user.Email, data.GetProperty("email").GetString());
        Assert.Equal("user", data.GetProperty("role").GetString());
        Assert.Equal("free", data.GetProperty("plan").GetString());
        Assert.Equal(AccountsAppFactory.FreeVideosPerMonth, data.GetProperty("quota").GetProperty("videos_per_month").GetInt32());
        Assert.Equal(0, data.GetProperty("quota").GetProperty("videos_this_month").GetInt32());
        Assert.False(data.TryGetProperty("password_hash", out _));
    }

    [Fact]
    public async Task Login_with_the_right_password_signs_in_and_a_wrong_one_is_refused()
    {
        var user = await ApiClient.RegisterAsync(_client);

        var login = await ApiClient.ExpectAsync(
            await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email.ToUpperInvariant(), password = user.Password }), HttpStatusCode.OK, 0);
        Assert.Equal(user.UserId, login.GetProperty("data").GetProperty("user_id").GetString());
        Assert.NotEqual(user.RefreshToken, login.GetProperty("data").GetProperty("refresh_token").GetString());

        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "wrong password 1" }), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody-" + user.Email, password = user.Password }), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
    }

    [Theory]
    [InlineData("not-an-email", "long enough 1", "name", "email")]
    [InlineData("a@example.com", "short1", "name", "password")]
    [InlineData("a@example.com", "onlyletters", "name", "password")]
    [InlineData("a@example.com", "long enough 1", "", "username")]
    public async Task Invalid_registrations_name_the_field(string email, string password, string username, string field)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/auth/register", new { email, password, username });

        var body = await ApiClient.ExpectAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Equal(field, body.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Refresh_rotates_and_reusing_an_old_token_ends_the_session()
    {
        var user = await ApiClient.RegisterAsync(_client);

        var first = await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = user.RefreshToken }), HttpStatusCode.OK, 0);
        var rotated = first.GetProperty("data").GetProperty("refresh_token").GetString()!;
        var access = first.GetProperty("data").GetProperty("access_token").GetString()!;
        Assert.NotEqual(user.RefreshToken, rotated);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", access)), HttpStatusCode.OK, 0);

        // The used token again: a thief or a replay. The whole session ends, the legitimate new token included.
        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = user.RefreshToken }), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = rotated }), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", access)), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);

        // Other sessions of the same user are untouched.
        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password }), HttpStatusCode.OK, 0);
    }

    [Fact]
    public async Task Two_refreshes_racing_with_one_token_never_both_win()
    {
        var user = await ApiClient.RegisterAsync(_client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = user.RefreshToken })));

        Assert.True(responses.Count(r => r.StatusCode == HttpStatusCode.OK) <= 1, string.Join(", ", responses.Select(r => (int)r.StatusCode)));
        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("rt_ses_00.x")]
    [InlineData("rt_ses_0123456789abcdef01234567.not-the-secret")]
    public async Task Unknown_refresh_tokens_are_refused(string token)
    {
        var response = await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = token });

        await ApiClient.ExpectAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
    }

    [Fact]
    public async Task Logout_revokes_the_sessions_refresh_and_access_tokens()
    {
        var user = await ApiClient.RegisterAsync(_client);

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/auth/logout", user.AccessToken)), HttpStatusCode.OK, 0);

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", user.AccessToken)), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/refresh", new { refresh_token = user.RefreshToken }), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
    }

    [Fact]
    public async Task Requests_without_credentials_are_refused_with_20001()
    {
        var response = await _client.GetAsync("/api/v1/users/me");

        await ApiClient.ExpectAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
    }

    [Fact]
    public async Task An_expired_token_is_refused_with_20002()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var session = new JsonWebTokenHandler().ReadJsonWebToken(user.AccessToken).GetClaim("sid").Value;
        var issued = DateTime.UtcNow.AddHours(-2);

        var expired = Sign(user.UserId, session, issued, issued.AddMinutes(15), "serverless-studio", app.JwtSigningKey);

        var response = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", expired));
        await ApiClient.ExpectAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.TokenExpired);
    }

    [Fact]
    public async Task Forged_tokens_are_refused_with_20001()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var session = new JsonWebTokenHandler().ReadJsonWebToken(user.AccessToken).GetClaim("sid").Value;
        var now = DateTime.UtcNow;

        // A control: our own key, issuer and lifetime is accepted, so the refusals below are for the one thing changed.
        var genuine = Sign(user.UserId, session, now, now.AddMinutes(5), "serverless-studio", app.JwtSigningKey);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", genuine)), HttpStatusCode.OK, 0);

        var otherKey = Sign(user.UserId, session, now, now.AddMinutes(5), "serverless-studio", Convert.ToBase64String(new byte[32]));
        var otherIssuer = Sign(user.UserId, session, now, now.AddMinutes(5), "someone-else", app.JwtSigningKey);
        var unsigned = Unsigned(user.UserId, session, now.AddMinutes(5));
        var tampered = TamperPayload(user.AccessToken, "sub", "usr_someoneelse");
        foreach (var forged in new[] { otherKey, otherIssuer, unsigned, tampered, "not.a.jwt" })
        {
            var response = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", forged));
            await ApiClient.ExpectAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        }
    }

    private static string Sign(string userId, string session, DateTime issued, DateTime expires, string issuer, string key) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = "serverless-studio-api",
            IssuedAt = issued,
            NotBefore = issued,
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = userId, ["role"] = "admin", ["sid"] = session },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });

    /// <summary>The classic <c>alg: none</c> token: a valid-looking payload with no signature at all.</summary>
    private static string Unsigned(string userId, string session, DateTime expires)
    {
        var header = Base64Url.EncodeToString("""{"alg":"none","typ":"JWT"}"""u8);
        var payload = Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "serverless-studio",
            ["aud"] = "serverless-studio-api",
            ["sub"] = userId,
            ["role"] = "admin",
            ["sid"] = session,
            ["exp"] = new DateTimeOffset(expires).ToUnixTimeSeconds(),
        }));
        return $"{header}.{payload}.";
    }

    private static string TamperPayload(string token, string claim, string value)
    {
        var parts = token.Split('.');
        var payload = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(Base64Url.DecodeFromChars(parts[1]))!;
        payload[claim] = JsonSerializer.SerializeToElement(value);
        return $"{parts[0]}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(payload))}.{parts[2]}";
    }
}
