using System.Net;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Accounts;

/// <summary>Users' own API keys: shown once, usable at once, listed without the secret, dead once deleted.</summary>
public sealed class ApiKeyTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_key_is_created_used_listed_and_deleted()
    {
        var user = await ApiClient.RegisterAsync(_client);

        var created = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/keys", user.AccessToken, new { name = "ci pipeline" })), HttpStatusCode.Created, 0);
        var data = created.GetProperty("data");
        var secret = data.GetProperty("key").GetString()!;
        var keyId = data.GetProperty("key_id").GetString()!;
        var prefix = data.GetProperty("prefix").GetString()!;
        Assert.StartsWith("sk_", secret, StringComparison.Ordinal);
        Assert.StartsWith(prefix, secret, StringComparison.Ordinal);
        Assert.True(secret.Length >= 40, secret);

        var me = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", secret)), HttpStatusCode.OK, 0);
        Assert.Equal(user.UserId, me.GetProperty("data").GetProperty("user_id").GetString());
        Assert.Equal("user", me.GetProperty("data").GetProperty("role").GetString());

        var listResponse = await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/keys", secret));
        var listText = await listResponse.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, listResponse.StatusCode);
        Assert.DoesNotContain(secret, listText, StringComparison.Ordinal);
        var list = await ApiClient.ReadAsync(new HttpResponseMessage { Content = new StringContent(listText) });
        var item = Assert.Single(list.GetProperty("data").GetProperty("items").EnumerateArray());
        Assert.Equal(keyId, item.GetProperty("key_id").GetString());
        Assert.Equal(prefix, item.GetProperty("prefix").GetString());
        Assert.Equal("ci pipeline", item.GetProperty("name").GetString());

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Delete, $"/api/v1/keys/{keyId}", user.AccessToken)), HttpStatusCode.OK, 0);

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", secret)), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Delete, $"/api/v1/keys/{keyId}", user.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var empty = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/keys", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Empty(empty.GetProperty("data").GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Another_users_key_cannot_be_seen_or_deleted()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var other = await ApiClient.RegisterAsync(_client);
        var created = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/keys", owner.AccessToken, new { name = "mine" })), HttpStatusCode.Created, 0);
        var keyId = created.GetProperty("data").GetProperty("key_id").GetString()!;
        var secret = created.GetProperty("data").GetProperty("key").GetString()!;

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Delete, $"/api/v1/keys/{keyId}", other.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var theirs = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/keys", other.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Empty(theirs.GetProperty("data").GetProperty("items").EnumerateArray());
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", secret)), HttpStatusCode.OK, 0);
    }

    [Theory]
    [InlineData("sk_not-a-key-we-ever-issued-0000000000000000")]
    [InlineData("plain-garbage")]
    public async Task Unknown_keys_are_refused(string key)
    {
        var response = await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", key));

        await ApiClient.ExpectAsync(response, HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);
    }

    [Fact]
    public async Task Key_names_are_required_and_bounded()
    {
        var user = await ApiClient.RegisterAsync(_client);

        foreach (var name in new[] { "", new string('k', 101) })
        {
            var response = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/keys", user.AccessToken, new { name }));
            var body = await ApiClient.ExpectAsync(response, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
            Assert.Equal("name", body.GetProperty("error").GetProperty("field").GetString());
        }
    }
}
