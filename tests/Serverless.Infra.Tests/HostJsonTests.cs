using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Azure.Core;
using Azure.Storage.Queues;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Serverless.Functions.Hosting;
using Serverless.Functions.LocalRunner;
using Serverless.Studio;
using Serverless.Worker.Storage;

namespace Serverless.Infra.Tests;

/// <summary>
/// host.json (what the Functions host reads in Azure) agrees with the code and the template: Durable Functions' task
/// hub is the one the app settings and the app's own DurableTaskClient name, on the same storage connection as the
/// triggers; the queue trigger decodes messages the way our clients write them.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class HostJsonTests(CompiledTemplate template)
{
    private JsonNode HostJson => JsonNode.Parse(
        File.ReadAllText(Path.Combine(template.RepositoryRoot, "host.json")),
        documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;

    private JsonNode DurableTask => HostJson["extensions"]!["durableTask"]!;

    [Fact]
    public void Host_json_is_version_2_with_the_api_route_prefix()
    {
        Assert.Equal("2.0", (string?)HostJson["version"]);
        Assert.Equal("api", (string?)HostJson["extensions"]!["http"]!["routePrefix"]);
    }

    [Fact]
    public void The_task_hub_name_is_the_durable_task_hub_app_setting()
    {
        // %Durable:TaskHub% is resolved from configuration, where the app setting Durable__TaskHub lives as
        // Durable:TaskHub: the name the app's TaskHubOptions binds for its own DurableTaskClient.
        var hubName = (string?)DurableTask["hubName"];
        var reference = Assert.Single(SettingReferences(hubName));
        Assert.Equal($"{Serverless.TaskHub.TaskHubOptions.Section}:{nameof(Serverless.TaskHub.TaskHubOptions.TaskHub)}", reference);
        Assert.Equal($"%{reference}%", hubName);

        var settings = FunctionAppSettings();
        var hub = (string?)settings[AppSettingName(reference)];
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", hub);

        // The queues and tables the template declares are that hub's.
        var storage = template.Root.Module("storage");
        Assert.Contains($"{hub!.ToLowerInvariant()}-workitems", Names(storage.Parameter("queueNames")));
        Assert.Contains($"{hub}History", Names(storage.Parameter("tableNames")));
        Assert.Contains($"{hub}Instances", Names(storage.Parameter("tableNames")));
    }

    [Fact]
    public void The_task_hub_uses_the_triggers_storage_connection()
    {
        var provider = DurableTask["storageProvider"]!;
        Assert.Equal("AzureStorage", (string?)provider["type"]);
        var connection = (string?)provider["connectionName"];
        Assert.Equal("Storage", connection);

        // Every storage trigger of the app names that same connection.
        var connections = TriggerAttributes()
            .Select(attribute => attribute.GetType().GetProperty("Connection")?.GetValue(attribute) as string)
            .Where(name => name is not null)
            .ToList();
        Assert.NotEmpty(connections);
        Assert.All(connections, name => Assert.Equal(connection, name));
    }

    [Fact]
    public void The_storage_connection_is_identity_based_in_azure()
    {
        // The host reads Storage__blobServiceUri/queueServiceUri/tableServiceUri + credential + clientId (keys are
        // case-insensitive) for Connection = "Storage"; it first tries AzureWebJobsStorage (AzureWebJobs<name>), so the
        // two must be the same account and the same identity.
        var settings = FunctionAppSettings();
        foreach (var service in new[] { "blobServiceUri", "queueServiceUri", "tableServiceUri" })
        {
            var matches = settings.Where(setting => string.Equals(setting.Key, $"Storage__{service}", StringComparison.OrdinalIgnoreCase)).ToList();
            var endpoint = Assert.Single(matches);
            Assert.Contains($"primaryEndpoints.{service.Replace("ServiceUri", string.Empty, StringComparison.Ordinal)}", endpoint.Value!.ToString(), StringComparison.Ordinal);
        }

        Assert.Equal("managedidentity", (string?)settings["Storage__credential"]);
        Assert.Equal(settings["AzureWebJobsStorage__clientId"]!.ToString(), settings["Storage__clientId"]!.ToString());
        Assert.Equal(settings["AZURE_CLIENT_ID"]!.ToString(), settings["Storage__clientId"]!.ToString());
        Assert.Equal(template.Root.Module("storage").ResolveString(template.Root.Module("storage").Parameter("name")), settings["AzureWebJobsStorage__accountName"]!.ToString());
    }

    [Fact]
    public void The_partition_count_is_the_apps_and_the_templates()
    {
        var partitions = (int)DurableTask["storageProvider"]!["partitionCount"]!;
        Assert.Equal(partitions.ToString(System.Globalization.CultureInfo.InvariantCulture), (string?)FunctionAppSettings()["Durable__PartitionCount"]);
        Assert.Equal(partitions, Names(template.Root.Module("storage").Parameter("queueNames")).Count(queue => queue.Contains("-control-", StringComparison.Ordinal)));
        Assert.Equal(partitions, new Serverless.TaskHub.TaskHubOptions().PartitionCount);
    }

    [Fact]
    public void Every_setting_a_trigger_names_is_an_app_setting()
    {
        var settings = FunctionAppSettings();
        var references = TriggerAttributes()
            .SelectMany(attribute => attribute.GetType().GetProperties().Where(property => property.PropertyType == typeof(string))
                .Select(property => property.GetValue(attribute) as string))
            .SelectMany(SettingReferences)
            .ToList();

        Assert.Contains("Studio:ResultsQueue", references);
        Assert.All(references, reference => Assert.True(
            settings.ContainsKey(AppSettingName(reference)), $"A trigger reads %{reference}% but the template sets no {AppSettingName(reference)}."));
        Assert.Equal($"{StudioOptions.Section}:{nameof(StudioOptions.ResultsQueue)}", references.Single(reference => reference.EndsWith("ResultsQueue", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_queue_trigger_decodes_what_the_app_and_the_worker_write()
    {
        var queues = HostJson["extensions"]!["queues"]!;
        Assert.Equal("base64", (string?)queues["messageEncoding"], StringComparer.OrdinalIgnoreCase);
        Assert.Equal(QueueTriggerFeed.MaxDequeueCount, (int)queues["maxDequeueCount"]!);

        // The app's queue client (the one the local runner's feed and the studio's senders use).
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = StorageAccount.DevelopmentStorage,
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(configuration);
        services.AddStudio(configuration);
        using var provider = services.BuildServiceProvider();
        Assert.Equal(QueueMessageEncoding.Base64, Encoding(provider.GetRequiredService<QueueServiceClient>().GetQueueClient("render-results")));

        // The worker's.
        var account = new StorageAccount(
            Options.Create(new WorkerStorageOptions { BlobServiceUri = new Uri("https://st.blob.core.windows.net/"), QueueServiceUri = new Uri("https://st.queue.core.windows.net/") }),
            new ConfigurationBuilder().Build(),
            new HostingEnvironment { EnvironmentName = Environments.Production });
        var worker = account.CreateQueues(new QueueClientOptions(), new NoCredential());
        Assert.Equal(QueueMessageEncoding.Base64, Encoding(worker.GetQueueClient("render-results")));
    }

    [Fact]
    public void Durable_functions_is_tuned_for_flex_consumption()
    {
        var provider = DurableTask["storageProvider"]!;
        // An idle app's first video should not wait for the provider's 30-second default back-off.
        Assert.InRange(TimeSpan.Parse((string)provider["maxQueuePollingInterval"]!, System.Globalization.CultureInfo.InvariantCulture), TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5));
        Assert.True((bool)DurableTask["extendedSessionsEnabled"]!);
        Assert.InRange((int)DurableTask["maxConcurrentActivityFunctions"]!, 1, 50);
        Assert.InRange((int)DurableTask["maxConcurrentOrchestratorFunctions"]!, 1, 100);
    }

    /// <summary>The encoding a queue client was built with (the SDK keeps it in its internal client configuration).</summary>
    private static QueueMessageEncoding Encoding(QueueClient client)
    {
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var values = new List<QueueMessageEncoding>();
        for (var type = client.GetType(); type is not null; type = type.BaseType)
        {
            foreach (var field in type.GetFields(Any | BindingFlags.DeclaredOnly))
            {
                var value = field.GetValue(client);
                if (value is QueueMessageEncoding direct)
                {
                    values.Add(direct);
                }
                else if (value?.GetType().GetProperty("MessageEncoding", Any)?.GetValue(value) is QueueMessageEncoding nested)
                {
                    values.Add(nested);
                }
            }
        }

        return Assert.Single(values.Distinct());
    }

    /// <summary>The trigger attributes on the parameters of the app's [Function] methods.</summary>
    private static IEnumerable<Attribute> TriggerAttributes() =>
        from type in typeof(FunctionCatalog).Assembly.GetTypes()
        from method in type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
        where method.GetCustomAttribute<FunctionAttribute>() is not null
        from parameter in method.GetParameters()
        from attribute in parameter.GetCustomAttributes()
        where attribute.GetType().Name.EndsWith("TriggerAttribute", StringComparison.Ordinal)
        select attribute;

    private static IEnumerable<string> SettingReferences(string? value) =>
        value is null ? [] : SettingReference().Matches(value).Select(match => match.Groups["name"].Value);

    private static string AppSettingName(string configurationKey) => configurationKey.Replace(":", "__", StringComparison.Ordinal);

    private JsonObject FunctionAppSettings()
    {
        var config = Assert.Single(
            template.Root.ResourcesOfType("Microsoft.Web/sites/config"),
            resource => ((string?)resource.Resource["name"] ?? string.Empty).Contains("appsettings", StringComparison.Ordinal));
        return Assert.IsType<JsonObject>(config.Resolve(config.Resource["properties"]));
    }

    private static string[] Names(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(item => item?.ToString() ?? string.Empty)] : [];

    [GeneratedRegex("%(?<name>[^%]+)%", RegexOptions.CultureInvariant)]
    private static partial Regex SettingReference();

    private sealed class NoCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => default;

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => default;
    }
}
