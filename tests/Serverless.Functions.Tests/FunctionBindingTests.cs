using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Functions.FunctionsHost;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Tests;

/// <summary>Every function.json binding has a handler in the app, and every handler a binding.</summary>
[Collection(StudioApp.Collection)]
public sealed class FunctionBindingTests(StudioAppFactory app)
{
    private static readonly IReadOnlyList<FunctionDefinition> Functions = FunctionDefinitions.Load();

    private sealed record AppRoute(string Route, IReadOnlyList<string> Methods, string Display);

    private IReadOnlyList<AppRoute> AppRoutes() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => new AppRoute(
                "/" + (e.RoutePattern.RawText ?? "").Trim('/'),
                e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? [],
                e.DisplayName ?? ""))
            .ToList();

    [Fact]
    public void Every_source_function_is_copied_where_the_host_reads_it()
    {
        Assert.Equal(FunctionDefinitions.SourceNames(), Functions.Select(f => f.Name));
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "host.json")), "host.json is not next to the app");
        Assert.True(Functions.Count >= 23, $"only {Functions.Count} functions found");
    }

    [Fact]
    public void Every_http_function_routes_to_an_endpoint_with_its_methods()
    {
        var routes = AppRoutes();
        foreach (var function in Functions.Where(f => f.IsHttp))
        {
            Assert.Equal("anonymous", function.Trigger.GetProperty("authLevel").GetString());
            var matches = routes.Where(r => r.Route == function.Route).ToList();
            Assert.True(matches.Count > 0, $"{function.Name}: no endpoint has route {function.Route}");
            foreach (var method in function.Methods)
            {
                Assert.True(matches.Any(m => m.Methods.Count == 0 || m.Methods.Contains(method)), $"{function.Name}: no {method} endpoint at {function.Route}");
            }
        }
    }

    [Fact]
    public void Every_other_function_has_a_post_handler_named_after_it()
    {
        var routes = AppRoutes();
        var others = Functions.Where(f => !f.IsHttp).ToList();
        Assert.Equal(7, others.Count);
        foreach (var function in others)
        {
            Assert.Contains(routes, r => r.Route == "/" + function.Name && r.Methods.SequenceEqual([HttpMethods.Post]));
        }
    }

    [Fact]
    public void Every_endpoint_has_a_function()
    {
        var uncovered = AppRoutes()
            .Where(route => !Functions.Any(f => f.IsHttp
                ? f.Route == route.Route && (f.Methods.Count == 0 || route.Methods.Count == 0 ? f.Methods.Count == 0 : route.Methods.All(f.Methods.Contains))
                : "/" + f.Name == route.Route))
            .Select(route => $"{string.Join(",", route.Methods)} {route.Route}")
            .ToList();
        Assert.Empty(uncovered);
    }

    [Fact]
    public void Durable_queue_functions_trigger_on_the_engines_queues()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json")).Build();
        Assert.Equal("studio", configuration["Durable:TaskHub"]);
        var relay = new DurableQueueRelay(Options.Create(new StorageOptions { ConnectionString = LocalStack.StorageConnectionString }), configuration);
        var durable = Functions.Where(f => f.Name.StartsWith("Durable", StringComparison.Ordinal) && !f.IsHttp).ToList();
        Assert.Equal(["studio-control-00", "studio-control-01", "studio-control-02", "studio-control-03", "studio-workitems"],
            durable.Select(f => f.Trigger.GetProperty("queueName").GetString()));
        foreach (var function in durable)
        {
            Assert.Equal("queueTrigger", function.TriggerType);
            Assert.Equal(relay.QueueOf(function.Name), function.Trigger.GetProperty("queueName").GetString());
            Assert.Equal("message", function.Trigger.GetProperty("name").GetString());
        }
    }

    [Fact]
    public void Blob_and_timer_triggers_are_declared_as_the_design_says()
    {
        var blob = Functions.Single(f => f.Name == FunctionNames.IncomingScript).Trigger;
        Assert.Equal("blobTrigger", blob.GetProperty("type").GetString());
        Assert.Equal("incoming/{name}", blob.GetProperty("path").GetString());
        Assert.Equal("EventGrid", blob.GetProperty("source").GetString());
        var timer = Functions.Single(f => f.Name == FunctionNames.CatalogRefresh).Trigger;
        Assert.Equal("timerTrigger", timer.GetProperty("type").GetString());
        Assert.Equal("0 */30 * * * *", timer.GetProperty("schedule").GetString());
    }
}
