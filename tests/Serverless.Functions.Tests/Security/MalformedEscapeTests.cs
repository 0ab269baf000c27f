using System.Net;
using System.Net.Http.Json;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Security;

/// <summary>
/// A '%' in an id reaches the database's request path unescaped, where a malformed escape is a bad request (and once
/// ended the local emulator). Such ids are answered by us: an address with one signs up and in, a URL id with one is
/// not found, and the database answers the next request as before.
/// </summary>
public sealed class MalformedEscapeTests(SecurityAppFactory app) : IClassFixture<SecurityAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task An_address_with_a_malformed_escape_signs_up_and_in()
    {
        var email = $"fifty%zz-{Guid.NewGuid():N}@example.com";

        await ApiClient.RegisterAsync(_client, email);
        using var login = await _client.PostAsJsonAsync("/api/v1/auth/login", new { email, password = ApiClient.Password });

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
    }

    [Fact]
    public async Task A_url_id_with_a_malformed_escape_is_not_found_and_the_database_still_answers()
    {
        var user = await ApiClient.RegisterAsync(_client);

        using var odd = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/projects/prj%25zz", user.AccessToken));
        var body = await ApiClient.ReadAsync(odd);
        using var list = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/projects", user.AccessToken));

        Assert.Equal(HttpStatusCode.NotFound, odd.StatusCode);
        Assert.True(body.TryGetProperty("code", out _), body.ToString());
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
    }
}
