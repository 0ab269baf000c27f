using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>Every resource type issue 7 asks for is declared in the compiled template.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class ResourceInventoryTests(CompiledTemplate template)
{
    public static TheoryData<string> RequiredTypes =>
    [
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "Microsoft.Storage/storageAccounts",
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        "Microsoft.Storage/storageAccounts/queueServices/queues",
        "Microsoft.Storage/storageAccounts/tableServices/tables",
        "Microsoft.DocumentDB/databaseAccounts",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases",
        "Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers",
        "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments",
        "Microsoft.ServiceBus/namespaces",
        "Microsoft.ServiceBus/namespaces/queues",
        "Microsoft.Web/serverfarms",
        "Microsoft.Web/sites",
        "Microsoft.Web/sites/config",
        "Microsoft.App/managedEnvironments",
        "Microsoft.App/jobs",
        "Microsoft.ContainerRegistry/registries",
        "Microsoft.KeyVault/vaults",
        "Microsoft.KeyVault/vaults/secrets",
        "Microsoft.OperationalInsights/workspaces",
        "Microsoft.Insights/components",
        "Microsoft.EventGrid/systemTopics",
        "Microsoft.EventGrid/systemTopics/eventSubscriptions",
        "Microsoft.Authorization/roleAssignments",
    ];

    [Theory]
    [MemberData(nameof(RequiredTypes))]
    public void The_template_declares(string type)
    {
        Assert.NotEmpty(template.Root.ResourcesOfType(type));
    }

    [Fact]
    public void Each_app_has_its_own_user_assigned_identity()
    {
        var identities = template.Root.ResourcesOfType("Microsoft.ManagedIdentity/userAssignedIdentities").ToList();
        Assert.Equal(2, identities.Count);

        foreach (var type in new[] { "Microsoft.Web/sites", "Microsoft.App/jobs" })
        {
            var app = Assert.Single(template.Root.ResourcesOfType(type));
            Assert.Equal("UserAssigned", (string?)app.Resource["identity"]?["type"]);
        }
    }

    [Fact]
    public void Apps_carry_the_azd_service_tags()
    {
        var site = Assert.Single(template.Root.ResourcesOfType("Microsoft.Web/sites"));
        var job = Assert.Single(template.Root.ResourcesOfType("Microsoft.App/jobs"));

        Assert.Equal("api", (string?)site.Resolve(site.Resource["tags"])?["azd-service-name"]);
        Assert.Equal("worker", (string?)job.Resolve(job.Resource["tags"])?["azd-service-name"]);
        Assert.NotNull(site.Resolve(site.Resource["tags"])?["azd-env-name"]);
    }

    [Fact]
    public void Storage_holds_the_studio_containers_and_the_durable_task_hub()
    {
        var storage = template.Root.Module("storage");

        var containers = Names(storage.Parameter("containerNames"));
        // The studio's containers, and the task hub's lease, app-lease and large-message containers (DTFx's names for
        // the hub 'studio').
        foreach (var container in Serverless.Studio.Storage.StudioContainers.Blobs.Concat(["studio-leases", "studio-applease", "studio-largemessages"]))
        {
            Assert.Contains(container, containers);
        }

        Assert.Equal(
            [Serverless.Contracts.Queues.RenderResults, "studio-control-00", "studio-control-01", "studio-control-02", "studio-control-03", "studio-workitems"],
            Names(storage.Parameter("queueNames")));
        Assert.Equal(["studioHistory", "studioInstances", "studioPartitions"], Names(storage.Parameter("tableNames")));
    }

    [Fact]
    public void Cosmos_is_serverless_with_the_studio_containers_and_their_partition_keys()
    {
        var cosmos = template.Root.Module("cosmos");
        var account = Assert.Single(cosmos.ResourcesOfType("Microsoft.DocumentDB/databaseAccounts"));
        var capabilities = account.Resolve(account.Properties["capabilities"])!.AsArray();
        Assert.Contains(capabilities, capability => (string?)capability?["name"] == "EnableServerless");
        Assert.Equal("studio", cosmos.Parameter("databaseName")?.ToString());

        var partitionKeys = cosmos.Parameter("containers")!.AsArray()
            .ToDictionary(container => (string)container!["name"]!, container => (string)container!["partitionKeyPath"]!);
        // The app cannot create containers in Azure (data-plane rights only): the template declares exactly its set.
        Assert.Equal(
            Serverless.Studio.Storage.StudioContainers.Documents.ToDictionary(c => c.Name, c => c.PartitionKeyPath),
            partitionKeys);
        var container = Assert.Single(cosmos.ResourcesOfType("Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers"));
        Assert.Equal(-1, (int?)container.Resolve(container.Properties["resource"])?["defaultTtl"]);
    }

    [Fact]
    public void Service_bus_has_the_job_queues_with_dead_lettering_and_bounded_deliveries()
    {
        var serviceBus = template.Root.Module("servicebus");
        var queue = Assert.Single(serviceBus.ResourcesOfType("Microsoft.ServiceBus/namespaces/queues"));
        Assert.True(queue.Properties["deadLetteringOnMessageExpiration"]?.GetValue<bool>());

        var queues = serviceBus.Parameter("queues")!.AsArray().ToDictionary(q => (string)q!["name"]!);
        Assert.Equal(["footage-jobs", "inference-jobs", "render-jobs"], queues.Keys.Order());
        Assert.Equal("PT5M", (string?)queues["footage-jobs"]!["lockDuration"]);
        var render = queues["render-jobs"]!;
        Assert.Equal("PT5M", (string?)render["lockDuration"]);
        Assert.InRange((int)render["maxDeliveryCount"]!, 2, 10);
    }

    private static string[] Names(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(item => item?.ToString() ?? string.Empty).Order(StringComparer.Ordinal)] : [];
}
