using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Api;
using Serverless.Functions.Hosting;

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
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/runtime", StringComparison.Ordinal) || p.Name is "/api/healthz" or "/api/readyz" or "/metrics");
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

    /// <summary>
    /// Every <c>/api/v1</c> endpoint the app maps, found from its routing rather than a list kept by hand, so an
    /// endpoint added without documentation fails here: each is in the document, takes a documented JSON body when
    /// it is a POST, PUT or PATCH that reads one, answers its success in the envelope with a described
    /// <c>data</c>, documents its errors, and lists the security schemes exactly when it requires a caller.
    /// </summary>
    [Fact]
    public async Task Every_api_endpoint_documents_its_body_answer_errors_and_security()
    {
        var client = app.CreateClient();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Path: DocumentPath(e.RoutePattern)))
            .Where(e => e.Path.StartsWith("/api/v1/", StringComparison.Ordinal))
            .ToList();
        Assert.True(endpoints.Count >= 40, $"only {endpoints.Count} API endpoints were found; the enumeration is broken");

        var problems = new List<string>();
        foreach (var (endpoint, path) in endpoints)
        {
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                var name = $"{method} {path}";
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    problems.Add($"{name}: not in the document");
                    continue;
                }

                if (method is "POST" or "PUT" or "PATCH" && endpoint.Metadata.GetMetadata<NoRequestBody>() is null)
                {
                    var fields = operation.TryGetProperty("requestBody", out var body)
                        && body.GetProperty("content").TryGetProperty("application/json", out var json)
                        && Resolve(document, json.GetProperty("schema")).TryGetProperty("properties", out var properties)
                        ? properties.EnumerateObject().Count()
                        : 0;
                    // A file body (a CSV import, an image) is documented in its own content types instead.
                    var takesFile = operation.TryGetProperty("requestBody", out var fileBody)
                        && fileBody.GetProperty("content").EnumerateObject().Any(c => c.Name != "application/json");
                    if (fields == 0 && !takesFile)
                    {
                        problems.Add($"{name}: no JSON request schema with fields (or mark it TakesNoBody)");
                    }
                }

                var answers = operation.GetProperty("responses");
                var success = answers.EnumerateObject().FirstOrDefault(r => r.Name.StartsWith('2'));
                if (success.Value.ValueKind != JsonValueKind.Object
                    || !success.Value.TryGetProperty("content", out var content)
                    || !content.TryGetProperty("application/json", out var answer)
                    || !Resolve(document, answer.GetProperty("schema")).TryGetProperty("properties", out var envelope)
                    || !envelope.TryGetProperty("request_id", out _)
                    || !envelope.TryGetProperty("data", out var data)
                    || !data.EnumerateObject().Any())
                {
                    problems.Add($"{name}: the success answer is not the envelope with a described data: {answers}");
                }

                if (!answers.EnumerateObject().Any(r => r.Name.StartsWith('4')))
                {
                    problems.Add($"{name}: no error answer documented");
                }

                var requiresCaller = endpoint.Metadata.GetMetadata<FunctionDescriptor>() is { AllowsAnonymous: false };
                var schemes = operation.TryGetProperty("security", out var security)
                    ? security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name)).ToHashSet()
                    : [];
                if (requiresCaller ? !schemes.SetEquals(["Bearer", "ApiKey"]) : schemes.Count > 0)
                {
                    problems.Add($"{name}: security [{string.Join(", ", schemes)}] but {(requiresCaller ? "it requires a caller" : "it is anonymous")}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Theory]
    [InlineData("/api/v1/auth/register")]
    [InlineData("/api/v1/auth/login")]
    [InlineData("/api/v1/auth/refresh")]
    public async Task Signing_in_is_documented_as_anonymous(string route)
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        Assert.False(document.GetProperty("paths").GetProperty(route).GetProperty("post").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task The_document_declares_the_bearer_and_api_key_schemes()
    {
        var document = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        var bearer = schemes.GetProperty("Bearer");
        Assert.Equal("http", bearer.GetProperty("type").GetString());
        Assert.Equal("bearer", bearer.GetProperty("scheme").GetString());
        var apiKey = schemes.GetProperty("ApiKey");
        Assert.Equal("apiKey", apiKey.GetProperty("type").GetString());
        Assert.Equal("header", apiKey.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", apiKey.GetProperty("name").GetString());
    }

    /// <summary>The document's path of a route: parameters by name, without constraints.</summary>
    private static string DocumentPath(RoutePattern pattern) =>
        "/" + string.Join("/", pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternParameterPart parameter => "{" + parameter.Name + "}",
            RoutePatternSeparatorPart separator => separator.Content,
            _ => throw new InvalidOperationException($"Unexpected route part {part}"),
        }))));

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
        client.DefaultRequestHeaders.Add("X-Api-Key", app.OperatorKey);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/healthz")).StatusCode);

        var response = await client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
        Assert.Contains("http_route=\"/api/healthz\"", text);

        // The task hub's meter: its queues are measured every few seconds once the engine has created them.
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
