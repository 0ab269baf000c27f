using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Hosting;
using Serverless.Studio.Orchestrations;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Hosting;

/// <summary>
/// The <c>functions.metadata</c> the Worker SDK wrote at build (what the Functions host will serve in Azure) and the
/// local runner's endpoints and feeds (what runs here) describe the same functions: a route, method or trigger present
/// in one only fails here.
/// </summary>
[Collection(StudioApp.Collection)]
public sealed partial class FunctionMetadataTests(StudioAppFactory app)
{
    private static readonly Lazy<IReadOnlyList<BuiltFunction>> Built = new(ReadMetadata);

    [Fact]
    public void The_build_lists_every_http_function_with_its_route_and_methods_and_the_blob_and_timer_triggers()
    {
        var functions = Built.Value;

        Assert.True(functions.Count(f => f.Type == "httpTrigger") >= 50, $"only {functions.Count(f => f.Type == "httpTrigger")} HTTP functions in functions.metadata");
        var create = Assert.Single(functions, f => f.Name == "CreateVideo");
        Assert.Equal("v1/videos", create.Binding.GetProperty("route").GetString());
        Assert.Equal(["POST"], create.Methods);
        var health = Assert.Single(functions, f => f.Name == "Healthz");
        Assert.Equal("healthz", health.Binding.GetProperty("route").GetString());

        var upload = Assert.Single(functions, f => f.Name == "IncomingScript");
        Assert.Equal("blobTrigger", upload.Type);
        Assert.Equal("incoming/{name}", upload.Binding.GetProperty("path").GetString());
        Assert.Equal("EventGrid", upload.Binding.GetProperty("source").GetString());
        var footage = Assert.Single(functions, f => f.Name == "IncomingFootage");
        Assert.Equal(("blobTrigger", "incoming-footage/{name}"), (footage.Type, footage.Binding.GetProperty("path").GetString()));
        Assert.Equal("EventGrid", footage.Binding.GetProperty("source").GetString());

        var refresh = Assert.Single(functions, f => f.Name == "CatalogRefresh");
        Assert.Equal("timerTrigger", refresh.Type);
        Assert.Equal("%Catalog:Schedule%", refresh.Binding.GetProperty("schedule").GetString());
    }

    [Fact]
    public void The_local_runner_serves_exactly_the_http_functions_of_the_build()
    {
        var built = Built.Value.Where(f => f.Type == "httpTrigger")
            .SelectMany(f => f.Methods.Select(m => $"{m} /{FunctionDescriptor.RoutePrefix}/{f.Binding.GetProperty("route").GetString()} ({f.Name})"))
            .ToHashSet();
        var served = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/" + FunctionDescriptor.RoutePrefix + "/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["(any)"])
                .Select(m => $"{m} {e.RoutePattern.RawText} ({e.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "not a function"})"))
            .ToHashSet();

        Assert.Empty(built.Except(served));
        Assert.Empty(served.Except(built));
    }

    [Fact]
    public void Every_other_trigger_of_the_build_has_a_local_feed()
    {
        var fed = new Dictionary<string, string>
        {
            ["blobTrigger"] = "IncomingBlobPoller",
            ["timerTrigger"] = "CatalogRefreshTimer",
            ["queueTrigger"] = "QueueTriggerFeed",
            ["orchestrationTrigger"] = "TaskHubWorkerService",
            ["activityTrigger"] = "TaskHubWorkerService",
        };
        var others = Built.Value.Where(f => f.Type != "httpTrigger").ToList();

        Assert.All(others, f => Assert.True(fed.ContainsKey(f.Type), $"{f.Name}: no local feed for {f.Type}"));
        Assert.Equal(
            others.Select(f => f.Name).Order(StringComparer.Ordinal),
            FunctionCatalog.ForApp.Functions.Where(f => f.Http is null).Select(f => f.Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_orchestration_and_activity_triggers_are_the_classes_the_local_task_hub_runs()
    {
        Assert.Equal(StudioOrchestrations.Orchestrators.Select(t => t.Name).Order(StringComparer.Ordinal), NamesOf("orchestrationTrigger"));
        Assert.Equal(StudioOrchestrations.Activities.Select(t => t.Name).Order(StringComparer.Ordinal), NamesOf("activityTrigger"));
    }

    private static string[] NamesOf(string triggerType) =>
        [.. Built.Value.Where(f => f.Type == triggerType).Select(f => f.Name).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_host_json_route_prefix_is_the_one_the_runner_serves_under()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(SourceTree.File("host.json")));

        var http = host.RootElement.GetProperty("extensions").GetProperty("http");
        Assert.Equal(FunctionDescriptor.RoutePrefix, http.GetProperty("routePrefix").GetString());
        Assert.False(host.RootElement.TryGetProperty("customHandler", out _));
    }

    [Fact]
    public void Route_parameters_are_parameters_of_their_function()
    {
        var problems = FunctionCatalog.ForApp.Functions.Where(f => f.Http is not null)
            .SelectMany(f => RouteParameter().Matches(f.Http!.Route ?? "").Select(m => (Function: f, Name: m.Groups[1].Value)))
            .Where(p => !p.Function.Method.GetParameters().Any(parameter => parameter.Name == p.Name))
            .Select(p => $"{p.Function.Name}: {{{p.Name}}}")
            .ToList();

        Assert.Empty(problems);
    }

    private static List<BuiltFunction> ReadMetadata()
    {
        var beside = Path.Combine(Path.GetDirectoryName(typeof(FunctionCatalog).Assembly.Location)!, "functions.metadata");
        var path = File.Exists(beside) ? beside : SourceTree.Built("functions/Serverless.Functions", "functions.metadata");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(f =>
        {
            var trigger = f.GetProperty("bindings").EnumerateArray().Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal)).Clone();
            var methods = trigger.TryGetProperty("methods", out var m) ? m.EnumerateArray().Select(x => x.GetString()!.ToUpperInvariant()).ToArray() : [];
            return new BuiltFunction(f.GetProperty("name").GetString()!, trigger.GetProperty("type").GetString()!, trigger, methods);
        }).ToList();
    }

    [GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();

    private sealed record BuiltFunction(string Name, string Type, JsonElement Binding, string[] Methods);
}
