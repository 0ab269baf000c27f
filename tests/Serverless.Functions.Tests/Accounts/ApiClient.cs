using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.Functions.Tests.Accounts;

/// <summary>A registered user of the app under test, with the tokens registration handed out.</summary>
public sealed record TestUser(string UserId, string Email, string Password, string AccessToken, string RefreshToken);

public static class ApiClient
{
    public const string Password = "correct horse 42";

    public static async Task<TestUser> RegisterAsync(HttpClient client, string? email = null)
    {
        email ??= $"user-{Guid.NewGuid():N}@example.com";
        var response = await client.PostAsJsonAsync("/api/v1/auth/register", new { email, password = Password, username = "Tester" });
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, body.ToString());
        var data = body.GetProperty("data");
        return new TestUser(data.GetProperty("user_id").GetString()!, email, Password, data.GetProperty("access_token").GetString()!, data.GetProperty("refresh_token").GetString()!);
    }

    public static HttpRequestMessage Bearer(HttpMethod method, string path, string token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    public static HttpRequestMessage Keyed(HttpMethod method, string path, string key, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("X-Api-Key", key);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    /// <summary>Sends as <paramref name="user"/>, checks the status and the envelope's code, and hands back the envelope.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient client, TestUser user, HttpMethod method, string path, object? body, System.Net.HttpStatusCode status, int code = 0) =>
        await ExpectAsync(await client.SendAsync(Bearer(method, path, user.AccessToken, body)), status, code);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.False(string.IsNullOrEmpty(text), $"{(int)response.StatusCode} with an empty body");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Checks the status and the envelope's code, and hands back the envelope.</summary>
    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, System.Net.HttpStatusCode status, int code)
    {
        var body = await ReadAsync(response);
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(code, body.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrEmpty(body.GetProperty("request_id").GetString()));
        Assert.True(body.TryGetProperty("timestamp", out _));
        return body;
    }
}
