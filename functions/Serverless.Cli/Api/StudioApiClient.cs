using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Cli.Api;

/// <summary>A small client of the studio's HTTP API, speaking its envelope and snake_case JSON.</summary>
public sealed class StudioApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    public static StudioApiClient Create(Uri baseUrl, string apiKey)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(100) };
        http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new StudioApiClient(http);
    }

    public Task<SubmittedVideo> SubmitAsync(object body, CancellationToken cancellationToken) =>
        SendAsync<SubmittedVideo>(new HttpRequestMessage(HttpMethod.Post, "api/v1/videos") { Content = JsonContent.Create(body, options: Json) }, cancellationToken);

    public Task<TaskStatusView> GetTaskAsync(string taskId, CancellationToken cancellationToken) =>
        SendAsync<TaskStatusView>(new HttpRequestMessage(HttpMethod.Get, $"api/v1/tasks/{Uri.EscapeDataString(taskId)}"), cancellationToken);

    public Task<TaskStatusView> CancelTaskAsync(string taskId, CancellationToken cancellationToken) =>
        SendAsync<TaskStatusView>(new HttpRequestMessage(HttpMethod.Post, $"api/v1/tasks/{Uri.EscapeDataString(taskId)}/cancel"), cancellationToken);

    public Task<VideoDownloadView> GetDownloadAsync(string projectId, CancellationToken cancellationToken) =>
        SendAsync<VideoDownloadView>(new HttpRequestMessage(HttpMethod.Get, $"api/v1/projects/{Uri.EscapeDataString(projectId)}/video/download"), cancellationToken);

    public Task<FootageUploadView> CreateFootageAsync(string fileName, long sizeBytes, string? language, CancellationToken cancellationToken) =>
        SendAsync<FootageUploadView>(Post("api/v1/footage", new { file_name = fileName, size_bytes = sizeBytes, language }), cancellationToken);

    public Task<FootageTaskView> CompleteFootageAsync(string footageId, CancellationToken cancellationToken) =>
        SendAsync<FootageTaskView>(new HttpRequestMessage(HttpMethod.Post, $"api/v1/footage/{Uri.EscapeDataString(footageId)}/complete"), cancellationToken);

    public Task<FootageStatusView> GetFootageAsync(string footageId, CancellationToken cancellationToken) =>
        SendAsync<FootageStatusView>(new HttpRequestMessage(HttpMethod.Get, $"api/v1/footage/{Uri.EscapeDataString(footageId)}"), cancellationToken);

    public Task<FootageTaskView> RequestClipsAsync(string footageId, object body, CancellationToken cancellationToken) =>
        SendAsync<FootageTaskView>(Post($"api/v1/footage/{Uri.EscapeDataString(footageId)}/clips", body), cancellationToken);

    public Task<ClipListView> ListClipsAsync(string footageId, CancellationToken cancellationToken) =>
        SendAsync<ClipListView>(new HttpRequestMessage(HttpMethod.Get, $"api/v1/footage/{Uri.EscapeDataString(footageId)}/clips"), cancellationToken);

    public async Task DownloadAsync(Uri url, string path, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new StudioApiException($"downloading the video failed with HTTP {(int)response.StatusCode}");
        }

        var partial = path + ".partial";
        await using (var file = File.Create(partial))
        {
            await response.Content.CopyToAsync(file, cancellationToken);
        }

        File.Move(partial, path, overwrite: true);
    }

    private static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body, options: Json) };

    private async Task<T> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new StudioApiException($"cannot reach {http.BaseAddress}: {e.Message}");
        }

        using (response)
        {
            var envelope = await ReadEnvelopeAsync<T>(response, cancellationToken);
            if (!response.IsSuccessStatusCode || envelope is null || envelope.Code != 0 || envelope.Data is null)
            {
                var reason = envelope?.Message ?? response.ReasonPhrase ?? "no answer";
                throw new StudioApiException($"{request.Method} {request.RequestUri} failed with HTTP {(int)response.StatusCode}: {reason}");
            }

            return envelope.Data;
        }
    }

    private static async Task<Envelope<T>?> ReadEnvelopeAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Envelope<T>>(Json, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record Envelope<T>(int Code, string Message, T? Data);
}

public sealed class StudioApiException(string message) : Exception(message);

public sealed record SubmittedVideo(string TaskId, string ProjectId, string StatusUrl);

public sealed record TaskStatusView(
    string TaskId,
    string ProjectId,
    string Status,
    int Progress,
    string CurrentStep,
    IReadOnlyList<StageView> Stages,
    TaskErrorView? Error);

public sealed record StageView(string Name, DateTime StartedAt, double? Seconds);

public sealed record TaskErrorView(int Code, string Message);

public sealed record VideoDownloadView(Uri DownloadUrl, DateTimeOffset ExpiresAt, long FileSize, double Duration);

public sealed record FootageUploadView(string FootageId, Uri UploadUrl, DateTimeOffset ExpiresAt, long BlockSizeBytes);

public sealed record FootageTaskView(string TaskId, string FootageId, string StatusUrl);

public sealed record FootageStatusView(string FootageId, string Status, double? Duration, IReadOnlyList<HighlightItem> Highlights, string? HighlightUnits, string? Note);

public sealed record HighlightItem(string Id, double Start, double End, double Score, string Reason, string Text);

public sealed record ClipListView(IReadOnlyList<ClipItem> Clips, int Done);

public sealed record ClipItem(string Id, string HighlightId, string TaskId, string Status, Uri? DownloadUrl);
