using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.Studio.Web.Tests;

/// <summary>The API called straight from a browser test, with a user's access token, to set up what the page then shows.</summary>
internal static class StudioApiCalls
{
    public static async Task<HttpResponseMessage> RawAsync(HttpClient http, string token, string path, HttpMethod? method = null, object? body = null)
    {
        using var request = new HttpRequestMessage(method ?? HttpMethod.Get, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        return await http.SendAsync(request);
    }

    /// <summary>The envelope's <c>data</c> of a call that must succeed.</summary>
    public static async Task<JsonElement> SendAsync(HttpClient http, string token, HttpMethod method, string path, object? body = null)
    {
        using var answer = await RawAsync(http, token, path, method, body);
        var envelope = await answer.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(answer.IsSuccessStatusCode, $"{method} {path}: {(int)answer.StatusCode} {envelope}");
        return envelope.GetProperty("data");
    }
}
