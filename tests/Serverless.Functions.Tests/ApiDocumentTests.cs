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

    [Theory]
    [InlineData("/api/v1/projects", "post")]
    [InlineData("/api/v1/projects/{projectId}", "patch")]
    [InlineData("/api/v1/projects/{projectId}/script", "put")]
    [InlineData("/api/v1/projects/{projectId}/render/final", "post")]
    [InlineData("/api/v1/projects/{projectId}/characters", "post")]
    [InlineData("/api/v1/projects/{projectId}/shots/{shotId}/regenerate", "post")]
    [InlineData("/api/v1/projects/{projectId}/subtitles", "post")]
    [InlineData("/api/v1/projects/{projectId}/subtitles/{cueId}", "patch")]
    public async Task Routes_that_take_a_body_document_its_schema_and_their_answer(string route, string method)
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var operation = document.GetProperty("paths").GetProperty(route).GetProperty(method);
        var request = operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(Resolve(document, request).TryGetProperty("properties", out var fields) && fields.EnumerateObject().Any(), $"{method} {route}: the request schema has no fields");
        var answers = operation.GetProperty("responses");
        var success = answers.EnumerateObject().First(r => r.Name.StartsWith('2')).Value;
        var envelope = Resolve(document, success.GetProperty("content").GetProperty("application/json").GetProperty("schema"));
        Assert.True(envelope.GetProperty("properties").TryGetProperty("request_id", out _), $"{method} {route}: the answer is not the envelope");
        Assert.True(answers.TryGetProperty("404", out _) || route == "/api/v1/projects", $"{method} {route}: 404 is not documented");
    }

    /// <summary>A schema, following its <c>$ref</c> into the document's components.</summary>
    private static JsonElement Resolve(JsonElement document, JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference)
            ? document.GetProperty("components").GetProperty("schemas").GetProperty(reference.GetString()!["#/components/schemas/".Length..])
            : schema;

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
