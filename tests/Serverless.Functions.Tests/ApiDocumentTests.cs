using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.Functions.Tests;

[Collection(StudioApp.Collection)]
public sealed class ApiDocumentTests(StudioAppFactory app)
{
    [Fact]
    public async Task The_openapi_document_lists_the_video_task_and_project_routes()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.StartsWith("3.", document.GetProperty("openapi").GetString());
        var paths = document.GetProperty("paths");
        Assert.True(paths.GetProperty("/api/v1/videos").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/v1/tasks/{taskId}").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/projects/{projectId}/storyboard").TryGetProperty("get", out _));
        Assert.True(paths.GetProperty("/api/v1/projects/{projectId}/video/download").TryGetProperty("get", out _));
        // Host plumbing is not API: no invocation, management or probe routes.
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/runtime", StringComparison.Ordinal) || p.Name is "/IncomingScript" or "/readyz" or "/metrics");
    }

    [Fact]
    public async Task The_reference_page_serves_html()
    {
        var response = await app.CreateClient().GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Metrics_are_served_in_the_prometheus_text_format()
    {
        var client = app.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Contains("http_route=\"/healthz\"", text);

        // The durable engine's meter: its workers measure each queue's depth in turn shortly after start.
        var workItems = $"queue=\"{app.RunId}-workitems\"";
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!text.Contains(workItems, StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            text = await client.GetStringAsync("/metrics");
        }

        Assert.Contains(workItems, text);
        Assert.Contains("durable_queue_depth", text);
    }
}
