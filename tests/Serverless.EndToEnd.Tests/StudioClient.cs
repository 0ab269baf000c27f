using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Serverless.EndToEnd.Tests;

/// <summary>The HTTP API as a user's program calls it, reading raw JSON so the tests see the wire format.</summary>
/// <param name="downloads">Where downloaded videos go; the stack deletes its folder when the run ends.</param>
public sealed class StudioClient(Uri baseUrl, string? apiKey, string? downloads = null)
{
    private readonly HttpClient _http = Create(baseUrl, apiKey);

    public Task<HttpResponseMessage> PostJsonAsync(string path, string json) =>
        _http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> SubmitAsync(string script, string style = "anime", string aspectRatio = "9:16") =>
        _http.PostAsJsonAsync("api/v1/videos", new Dictionary<string, object> { ["script"] = script, ["style"] = style, ["aspect_ratio"] = aspectRatio });

    public Task<HttpResponseMessage> GetAsync(string path) => _http.GetAsync(path);

    public async Task<JsonElement> DataAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, $"HTTP {(int)response.StatusCode}: {body}");
        Assert.Equal(0, body.GetProperty("code").GetInt32());
        return body.GetProperty("data");
    }

    /// <summary>Polls the task until it ends; fails the test if it does not end in time.</summary>
    public async Task<JsonElement> WaitForTaskAsync(string taskId, TimeSpan timeout, Func<JsonElement, bool>? until = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        JsonElement task = default;
        while (DateTime.UtcNow < deadline)
        {
            task = await DataAsync(await GetAsync($"api/v1/tasks/{taskId}"));
            var status = task.GetProperty("status").GetString();
            if ((until ?? (t => status is "completed" or "failed"))(task))
            {
                return task;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"Task {taskId} did not get there within {timeout}; last seen: {task}");
    }

    public async Task<string> DownloadVideoAsync(string projectId)
    {
        var download = await DataAsync(await GetAsync($"api/v1/projects/{projectId}/video/download"));
        var url = new Uri(download.GetProperty("download_url").GetString()!);
        var folder = Directory.CreateDirectory(downloads ?? Path.GetTempPath()).FullName;
        var path = Path.Combine(folder, $"{projectId}.mp4");
        using var anonymous = new HttpClient();
        await File.WriteAllBytesAsync(path, await anonymous.GetByteArrayAsync(url));
        return path;
    }

    private static HttpClient Create(Uri baseUrl, string? apiKey)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (apiKey is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        }

        return http;
    }
}
