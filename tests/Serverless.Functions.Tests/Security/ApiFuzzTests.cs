using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsCheck;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Xunit.Abstractions;

namespace Serverless.Functions.Tests.Security;

/// <summary>
/// 10,000 generated requests over every operation of the OpenAPI document: path parameters from the caller's real ids
/// to traversal and garbage, the documented query parameters with good and bad values, bodies built from each
/// operation's schema with right, wrong, missing, huge and hostile values, broken JSON and wrong content types. None
/// may answer 5xx, and every error (and every JSON answer) must be the envelope.
/// </summary>
public sealed class ApiFuzzTests(SecurityAppFactory app, ITestOutputHelper output) : IClassFixture<SecurityAppFactory>
{
    private const int Requests = 10_000;

    /// <summary>The query parameters functions read (the document lists routes and bodies; these are read from the query).</summary>
    private static readonly string[] QueryNames = ["page", "page_size", "token", "status", "format", "category", "q", "language", "event"];

    [Fact]
    public async Task Generated_requests_over_every_documented_operation_get_no_5xx_and_only_the_envelope()
    {
        var client = app.CreateClient();
        // The engine is stopped here, so nothing runs what the requests start; its task hub must exist all the same.
        await app.Services.GetRequiredService<DurableTask.AzureStorage.AzureStorageOrchestrationService>().CreateIfNotExistsAsync();
        var document = await client.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        // Signing out would turn every later request into a 401 that reaches no function, so it is left out.
        var operations = FuzzOperation.All(document).Where(o => o.Route != "/api/v1/auth/logout").ToList();
        Assert.True(operations.Count > 30, $"only {operations.Count} operations in the document");
        var user = await ApiClient.RegisterAsync(client);
        var created = await ApiClient.ExpectAsync(
            await client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/projects", user.AccessToken, new { name = "Fuzz", style = "comic", script = "Scene: Kitchen, morning\nCharacters: Mia (female)\nMia: Hello." })),
            System.Net.HttpStatusCode.Created, 0);
        string[] ownIds = [created.GetProperty("data").GetProperty("id").GetString()!, user.UserId, "shot-001", "tsk_0_0", "key_00000000", "wh_0", "dlv_0"];

        var statuses = new ConcurrentDictionary<int, int>();
        var watch = Stopwatch.StartNew();
        await Generated(operations, ownIds).SampleAsync(
            async request =>
            {
                using var message = request.Build(user.AccessToken);
                using var response = await client.SendAsync(message);
                var text = await response.Content.ReadAsStringAsync();
                var status = (int)response.StatusCode;
                statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
                Assert.True(status < 500, $"{status} for {request}: {Cut(text)}");
                var json = response.Content.Headers.ContentType?.MediaType?.EndsWith("json", StringComparison.Ordinal) == true;
                if (status >= 400 || json)
                {
                    Assert.True(IsEnvelope(text), $"{status} outside the envelope for {request}: {Cut(text)}");
                }
            },
            iter: Requests,
            threads: 8,
            print: request => request.ToString());

        output.WriteLine($"{Requests:N0} requests over {operations.Count} operations in {watch.Elapsed.TotalSeconds:F1} s; statuses: "
            + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key} x{s.Value}")));
        Assert.Contains(statuses.Keys, s => s is >= 200 and < 300);
        Assert.Contains(400, statuses.Keys);
    }

    private static Gen<FuzzRequest> Generated(IReadOnlyList<FuzzOperation> operations, string[] ownIds)
    {
        var pathValue = Gen.Frequency(
            (6, Gen.OneOf(ownIds)),
            (2, Gen.String[Gen.Char.AlphaNumeric, 0, 40]),
            (1, Gen.String[0, 30]),
            (1, Gen.OneOf("..", "../../users", "%00", " ", "a/b", "prj_" + new string('f', 300), "null", "-1", "0", "'; --", "${x}", "\u202e", "😀")));
        var queryValue = Gen.Frequency(
            (3, Gen.Int[-5, 200].Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            (2, Gen.String[Gen.Char.AlphaNumeric, 0, 20]),
            (1, Gen.String[0, 50]),
            (1, Gen.OneOf("", "99999999999999999999", "1e9", "NaN", "-0", "json", "srt", "vtt", "ev_usr_0.x", new string('9', 5000))));
        var query = Gen.Select(Gen.OneOf(QueryNames), queryValue).Array[0, 3];
        var auth = Gen.Frequency((12, Gen.Const(Auth.Bearer)), (1, Gen.Const(Auth.None)), (1, Gen.Const(Auth.Garbage)));
        return Gen.OneOf([.. operations]).SelectMany(operation =>
            Gen.Select(pathValue.Array[operation.PathParameters.Count], query, Body(operation), auth)
                .Select((values, q, body, a) => new FuzzRequest(operation, values, q, body, a)));
    }

    private static Gen<FuzzBody> Body(FuzzOperation operation)
    {
        var schemaJson = operation.BodySchema is { } schema
            ? JsonValues.For(schema, operation.Components, 0).Select(node => new FuzzBody(node?.ToJsonString() ?? "null", "application/json"))
            : Gen.Const(new FuzzBody(null, null));
        return Gen.Frequency(
            (8, schemaJson),
            (1, Gen.Const(new FuzzBody(null, null))),
            (1, JsonValues.Any(0).Select(node => new FuzzBody(node?.ToJsonString() ?? "null", "application/json"))),
            (1, Gen.String[0, 200].Select(s => new FuzzBody(s, "application/json"))),
            (1, Gen.OneOf(
                new FuzzBody("{\"a\":" + new string('[', 5000), "application/json"),
                new FuzzBody(string.Concat(Enumerable.Repeat("[", 200)) + string.Concat(Enumerable.Repeat("]", 200)), "application/json"),
                new FuzzBody("{\"name\":\"x\",\"name\":\"y\"}", "application/json"),
                new FuzzBody("\uFEFF{}", "application/json"),
                new FuzzBody("{}", "text/plain"),
                new FuzzBody("name=x", "application/x-www-form-urlencoded"),
                new FuzzBody("{\"script\":\"" + new string('a', 200_000) + "\"}", "application/json"))));
    }

    private static bool IsEnvelope(string text)
    {
        try
        {
            using var parsed = JsonDocument.Parse(text);
            var root = parsed.RootElement;
            return root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number
                && root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String
                && root.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String
                && root.TryGetProperty("timestamp", out _);
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Cut(string text) => text.Length > 400 ? text[..400] + "..." : text;
}

public enum Auth
{
    Bearer,
    None,
    Garbage,
}

/// <summary>One operation of the document: its method, route template, path parameters and body schema.</summary>
public sealed record FuzzOperation(HttpMethod Method, string Route, IReadOnlyList<string> PathParameters, JsonElement? BodySchema, JsonElement Components)
{
    public static IReadOnlyList<FuzzOperation> All(JsonElement document)
    {
        var components = document.TryGetProperty("components", out var c) ? c : default;
        var found = new List<FuzzOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "patch" or "delete"))
            {
                var parameters = System.Text.RegularExpressions.Regex.Matches(path.Name, "{([^}]+)}").Select(m => m.Groups[1].Value).ToList();
                JsonElement? schema = operation.Value.TryGetProperty("requestBody", out var body)
                    && body.TryGetProperty("content", out var content)
                    && content.TryGetProperty("application/json", out var json)
                    && json.TryGetProperty("schema", out var s) ? s : null;
                found.Add(new FuzzOperation(new HttpMethod(operation.Name.ToUpperInvariant()), path.Name, parameters, schema, components));
            }
        }

        return found;
    }

    public override string ToString() => $"{Method} {Route}";
}

public sealed record FuzzBody(string? Text, string? ContentType);

public sealed record FuzzRequest(FuzzOperation Operation, string[] PathValues, (string Name, string Value)[] Query, FuzzBody Body, Auth Auth)
{
    public HttpRequestMessage Build(string accessToken)
    {
        var path = Operation.Route;
        for (var i = 0; i < Operation.PathParameters.Count; i++)
        {
            // Shrinking may pair an operation with the values drawn for another; a missing one is a plain id.
            var value = i < PathValues.Length ? PathValues[i] : "x";
            path = path.Replace("{" + Operation.PathParameters[i] + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
        }

        if (Query.Length > 0)
        {
            path += "?" + string.Join("&", Query.Select(q => Uri.EscapeDataString(q.Name) + "=" + Uri.EscapeDataString(q.Value)));
        }

        var request = new HttpRequestMessage(Operation.Method, path);
        if (Auth == Auth.Bearer)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }
        else if (Auth == Auth.Garbage)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + accessToken[..^3] + "abc");
        }

        if (Body.Text is not null)
        {
            request.Content = new StringContent(Body.Text, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(Body.ContentType ?? "application/json");
        }

        return request;
    }

    public override string ToString()
    {
        var body = Body.Text is null ? "no body" : $"{Body.ContentType} {(Body.Text.Length > 300 ? Body.Text[..300] + "..." : Body.Text)}";
        return $"{Operation} [{string.Join(", ", PathValues)}] ?{string.Join("&", Query.Select(q => $"{q.Name}={q.Value}"))} {Auth} {body}";
    }
}

/// <summary>JSON values for a schema: mostly of the declared shape (with the enum's values when it has one), sometimes of any other.</summary>
public static class JsonValues
{
    private const int MaxDepth = 4;

    public static Gen<JsonNode?> For(JsonElement schema, JsonElement components, int depth)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            var name = reference.GetString()!.Split('/')[^1];
            return components.ValueKind == JsonValueKind.Object && components.GetProperty("schemas").TryGetProperty(name, out var target)
                ? For(target, components, depth)
                : Any(depth);
        }

        var shaped = Shaped(schema, components, depth);
        return Gen.Frequency((9, shaped), (1, Any(depth)));
    }

    public static Gen<JsonNode?> Any(int depth) => depth >= MaxDepth
        ? Scalar
        : Gen.Frequency(
            (6, Scalar),
            (1, Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 12], Gen.Int[0, 3]).Array[0, 4].SelectMany(keys =>
                Any(depth + 1).Array[keys.Length].Select(values => (JsonNode?)Object(keys.Select(k => k.Item1).Zip(values))))),
            (1, Any(depth + 1).Array[0, 5].Select(values => (JsonNode?)new JsonArray([.. values]))));

    private static readonly Gen<JsonNode?> Scalar = Gen.Frequency(
        (2, Strings.Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Numbers),
        (1, Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b))),
        (1, Gen.Const((JsonNode?)null)));

    private static Gen<string> Strings => Gen.Frequency(
        (4, Gen.String[Gen.Char.AlphaNumeric, 0, 30]),
        (2, Gen.String[0, 60]),
        (1, Gen.OneOf("", " ", "http://127.0.0.1/hook", "https://example.com/x", "file:///etc/passwd", "2026-01-01T00:00:00Z", "9:16", "16:9", "1080p",
            "anime", "comic", "youtube-shorts", "video.completed", "../x", "<script>", "\u0000", "😀", "a@b.c", new string('x', 600))),
        (1, Gen.Int[1000, 20_000].Select(n => new string('y', n))));

    private static Gen<JsonNode?> Numbers => Gen.Frequency(
        (4, Gen.Int[-10, 1000].Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.OneOf(int.MaxValue, int.MinValue, 0, -1).Select(i => (JsonNode?)JsonValue.Create(i))),
        (1, Gen.OneOf(1e308, -1e308, 0.5, 7.75, 1e-9, 3600.0).Select(d => (JsonNode?)JsonValue.Create(d))));

    private static Gen<JsonNode?> Shaped(JsonElement schema, JsonElement components, int depth)
    {
        if (schema.TryGetProperty("enum", out var values) && values.GetArrayLength() > 0)
        {
            var options = values.EnumerateArray().Select(v => JsonNode.Parse(v.GetRawText())).ToArray();
            return Gen.Frequency((4, Gen.OneOf(options).Select(o => o?.DeepClone())), (1, Scalar));
        }

        var types = Types(schema);
        if (types.Contains("object") || schema.TryGetProperty("properties", out _))
        {
            if (depth >= MaxDepth || !schema.TryGetProperty("properties", out var properties))
            {
                return Gen.Const<JsonNode?>(new JsonObject());
            }

            var fields = properties.EnumerateObject().ToList();
            var parts = fields.Select(f => Gen.Frequency((3, For(f.Value, components, depth + 1).Select(v => (true, (JsonNode?)v))), (1, Gen.Const<(bool, JsonNode?)>((false, null))))).ToArray();
            return AllOf(parts).Select(chosen =>
                (JsonNode?)Object(fields.Zip(chosen).Where(p => p.Second.Item1).Select(p => (p.First.Name, (JsonNode?)p.Second.Item2))));
        }

        if (types.Contains("array"))
        {
            var items = schema.TryGetProperty("items", out var i) && depth < MaxDepth ? For(i, components, depth + 1) : Scalar;
            return items.Array[0, 6].Select(v => (JsonNode?)new JsonArray([.. v]));
        }

        if (types.Contains("integer") || types.Contains("number"))
        {
            return Numbers;
        }

        if (types.Contains("boolean"))
        {
            return Gen.Bool.Select(b => (JsonNode?)JsonValue.Create(b));
        }

        return types.Contains("string") ? Strings.Select(s => (JsonNode?)JsonValue.Create(s)) : Any(depth);
    }

    /// <summary>One value from each generator, in order.</summary>
    private static Gen<T[]> AllOf<T>(Gen<T>[] gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, next) => Gen.Select(all, next).Select((values, value) => (T[])[.. values, value]));

    private static HashSet<string> Types(JsonElement schema)
    {
        if (!schema.TryGetProperty("type", out var type))
        {
            return [];
        }

        return type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Select(t => t.GetString()!)] : [type.GetString()!];
    }

    private static JsonObject Object(IEnumerable<(string Name, JsonNode? Value)> fields)
    {
        var result = new JsonObject();
        foreach (var (name, value) in fields)
        {
            result[name] = value?.DeepClone();
        }

        return result;
    }
}
