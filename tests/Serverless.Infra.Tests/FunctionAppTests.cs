namespace Serverless.Infra.Tests;

/// <summary>The function app runs the .NET isolated worker on the Flex Consumption plan.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class FunctionAppTests(CompiledTemplate template)
{
    [Fact]
    public void The_plan_is_flex_consumption()
    {
        var plan = Assert.Single(template.Root.ResourcesOfType("Microsoft.Web/serverfarms"));
        Assert.Equal("FlexConsumption", (string?)plan.Resource["sku"]!["tier"]);
        Assert.Equal("FC1", (string?)plan.Resource["sku"]!["name"]);
        Assert.True(plan.Properties["reserved"]?.GetValue<bool>());
    }

    [Fact]
    public void The_app_runs_the_dotnet_isolated_runtime()
    {
        var site = Assert.Single(template.Root.ResourcesOfType("Microsoft.Web/sites"));
        Assert.Equal("functionapp,linux", (string?)site.Resource["kind"]);
        Assert.Equal("dotnet-isolated", (string?)site.Resolve(site.Properties["functionAppConfig"])!["runtime"]!["name"]);
    }

    [Fact]
    public void Flex_consumption_settings_that_the_platform_rejects_are_absent()
    {
        var config = Assert.Single(template.Root.ResourcesOfType("Microsoft.Web/sites/config"));
        var settings = config.Resolve(config.Resource["properties"])!.AsObject();

        foreach (var name in new[] { "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_RUN_FROM_PACKAGE" })
        {
            Assert.False(settings.ContainsKey(name), $"{name} must not be an app setting on Flex Consumption.");
        }
    }

    [Fact]
    public void The_deployment_package_is_read_with_the_app_identity()
    {
        var site = Assert.Single(template.Root.ResourcesOfType("Microsoft.Web/sites"));
        var storage = site.Resolve(site.Properties["functionAppConfig"])!["deployment"]!["storage"]!;

        Assert.Equal("blobContainer", (string?)storage["type"]);
        Assert.Equal("UserAssignedIdentity", (string?)storage["authentication"]!["type"]);
        Assert.Contains("app-package", storage["value"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("incoming", "IncomingScript")]
    [InlineData("incoming-footage", "IncomingFootage")]
    public void Dropped_blobs_reach_their_function_through_event_grid(string container, string function)
    {
        var topic = Assert.Single(template.Root.ResourcesOfType("Microsoft.EventGrid/systemTopics"));
        Assert.Equal("Microsoft.Storage.StorageAccounts", (string?)topic.Properties["topicType"]);

        var subscriptions = template.Root.ResourcesOfType("Microsoft.EventGrid/systemTopics/eventSubscriptions")
            .Select(s => s.Resolve(s.Properties)!)
            .ToList();
        Assert.Equal(2, subscriptions.Count);
        var properties = Assert.Single(subscriptions, p => p["filter"]!["subjectBeginsWith"]!.ToString() == $"/blobServices/default/containers/{container}/");
        Assert.Equal(["Microsoft.Storage.BlobCreated"], properties["filter"]!["includedEventTypes"]!.AsArray().Select(type => type!.ToString()));

        var endpoint = properties["destination"]!["properties"]!["endpointUrl"]!.ToString();
        Assert.Contains($"/runtime/webhooks/blobs?functionName=Host.Functions.{function}&code=", endpoint, StringComparison.Ordinal);
        Assert.Contains("blobs_extension", endpoint, StringComparison.Ordinal);
    }
}
