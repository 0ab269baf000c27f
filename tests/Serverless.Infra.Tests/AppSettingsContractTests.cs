using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Serverless.Functions.Hosting;
using Serverless.Studio;
using Serverless.Worker;
using Serverless.Worker.Storage;

namespace Serverless.Infra.Tests;

/// <summary>
/// The settings the template gives each app are settings that app reads. The keys each app knows are taken from its
/// code: every options class (a public <c>Section</c> constant and its public settable properties, nested objects
/// and list items under <c>__</c>) in the app's assemblies, plus the few keys read directly, plus a short list of
/// settings the platform itself reads. A renamed option or a misspelt setting fails here instead of in Azure.
/// </summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class AppSettingsContractTests(CompiledTemplate template)
{
    private static readonly Assembly[] FunctionAppAssemblies =
    [
        typeof(FunctionCatalog).Assembly, // Serverless.Functions
        typeof(StudioOptions).Assembly, // Serverless.Studio
        typeof(Serverless.TaskHub.TaskHubOptions).Assembly, // Serverless.TaskHub
        typeof(Serverless.Contracts.TransportOptions).Assembly, // Serverless.Contracts
    ];

    private static readonly Assembly[] WorkerAssemblies =
    [
        typeof(WorkerHostExtensions).Assembly, // Serverless.Worker
        typeof(Serverless.Media.MediaOptions).Assembly, // Serverless.Media
        typeof(Serverless.Contracts.TransportOptions).Assembly, // Serverless.Contracts
    ];

    /// <summary>
    /// Read by the Functions host, App Service or DefaultAzureCredential rather than by our code. Storage__credential
    /// and Storage__clientId complete the host's identity-based <c>Storage</c> connection (the queue and blob triggers'
    /// <c>Connection = "Storage"</c>, Durable Functions' storage provider); the endpoints beside them are StorageOptions'.
    /// </summary>
    private static readonly Regex FunctionAppPlatform = PlatformSettingsOfFunctionApp();

    /// <summary>The only setting of the worker that our code does not bind: DefaultAzureCredential's identity.</summary>
    private static readonly Regex WorkerPlatform = PlatformSettingsOfWorker();

    [Fact]
    public void Every_function_app_setting_is_read_by_the_app()
    {
        var known = KnownKeys(FunctionAppAssemblies, []);

        var unread = FunctionAppSettings().Select(pair => pair.Key)
            .Where(key => !FunctionAppPlatform.IsMatch(key) && !known.Any(pattern => pattern.IsMatch(key)))
            .ToList();

        Assert.True(unread.Count == 0, $"Function app settings no code reads: {string.Join(", ", unread)}");
    }

    [Fact]
    public void Every_worker_setting_is_read_by_the_worker()
    {
        var known = KnownKeys(WorkerAssemblies, [$"ConnectionStrings:{StorageAccount.ConnectionName}"]);

        var unread = WorkerSettings().Select(pair => pair.Key)
            .Where(key => !WorkerPlatform.IsMatch(key) && !known.Any(pattern => pattern.IsMatch(key)))
            .ToList();

        Assert.True(unread.Count == 0, $"Worker settings no code reads: {string.Join(", ", unread)}");
    }

    [Fact]
    public void The_known_keys_come_from_the_options_classes()
    {
        // Guards the reflection itself: a key the apps do read is known, a near miss is not.
        var app = KnownKeys(FunctionAppAssemblies, []);
        Assert.Contains(app, pattern => pattern.IsMatch("Studio__RenderQueue"));
        Assert.Contains(app, pattern => pattern.IsMatch("Transport__ServiceBus__FullyQualifiedNamespace"));
        Assert.Contains(app, pattern => pattern.IsMatch("Auth__ApiKeys__0__UserId"));
        Assert.DoesNotContain(app, pattern => pattern.IsMatch("Studio__RenderQueues"));
        Assert.DoesNotContain(app, pattern => pattern.IsMatch("Worker__Queue"));
        Assert.Contains(app, pattern => pattern.IsMatch("Studio__ResultsQueue"));
        Assert.Contains(app, pattern => pattern.IsMatch("Durable__TaskHub"));
        Assert.DoesNotContain(app, pattern => pattern.IsMatch("Durable__SigningKey"));
        Assert.Matches(FunctionAppPlatform, "Storage__credential");
        Assert.DoesNotMatch(FunctionAppPlatform, "Storage__ConnectionString");

        var worker = KnownKeys(WorkerAssemblies, []);
        Assert.Contains(worker, pattern => pattern.IsMatch("Storage__BlobServiceUri"));
        Assert.DoesNotContain(worker, pattern => pattern.IsMatch("Storage__TableServiceUri"));
    }

    [Fact]
    public void Settings_the_apps_require_are_given()
    {
        var app = FunctionAppSettings();
        foreach (var key in RequiredKeys(FunctionAppAssemblies))
        {
            Assert.True(app.ContainsKey(key), $"The function app requires {key} but the template does not set it.");
        }

        var worker = WorkerSettings();
        foreach (var key in RequiredKeys(WorkerAssemblies))
        {
            Assert.True(worker.ContainsKey(key), $"The worker requires {key} but the template does not set it.");
        }
    }

    [Fact]
    public void The_app_and_the_worker_agree_on_transport_and_queues()
    {
        var app = FunctionAppSettings();
        var worker = WorkerSettings();

        // The worker's KEDA rule watches a Service Bus queue: jobs must travel there, from both ends.
        Assert.Equal(Serverless.Contracts.TransportOptions.ServiceBusKind, (string?)app["Transport__Kind"]);
        Assert.Equal(Serverless.Contracts.TransportOptions.ServiceBusKind, (string?)worker["Transport__Kind"]);
        Assert.Equal(
            (string?)app["Transport__ServiceBus__FullyQualifiedNamespace"], (string?)worker["Transport__ServiceBus__FullyQualifiedNamespace"]);

        var serviceBus = template.Root.Module("servicebus");
        var namespaceName = serviceBus.ResolveString(serviceBus.Template["outputs"]!["name"]!["value"]);
        Assert.Equal($"{namespaceName}.servicebus.windows.net", (string?)app["Transport__ServiceBus__FullyQualifiedNamespace"]);

        // The app sends render jobs where the worker takes them and where KEDA looks.
        var renderQueue = (string?)app["Studio__RenderQueue"];
        Assert.Equal(renderQueue, (string?)worker["Worker__Queue"]);
        var job = Assert.Single(template.Root.ResourcesOfType("Microsoft.App/jobs"));
        var rule = Assert.Single(job.Resolve(job.Properties["configuration"])!["eventTriggerConfig"]!["scale"]!["rules"]!.AsArray());
        Assert.Equal(renderQueue, (string?)rule!["metadata"]!["queueName"]);

        var queues = serviceBus.Parameter("queues")!.AsArray().Select(queue => (string?)queue!["name"]).ToList();
        Assert.Contains(renderQueue, queues);
        Assert.Contains((string?)worker["Worker__InferenceQueue"], queues);

        // Results come back on one storage queue: the worker sends where RenderResults' trigger (%Studio:ResultsQueue%)
        // reads, and the template creates it.
        var resultsQueue = (string?)app["Studio__ResultsQueue"];
        Assert.Equal(Serverless.Contracts.Queues.RenderResults, resultsQueue);
        Assert.Equal(resultsQueue, (string?)worker["Worker__ResultsQueue"]);
        Assert.Contains(resultsQueue, template.Root.Module("storage").Parameter("queueNames")!.AsArray().Select(queue => (string?)queue));

        // Without a connection string both apps sign in as their own user-assigned identity.
        Assert.Contains("clientId", app["AZURE_CLIENT_ID"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("clientId", worker["AZURE_CLIENT_ID"]!.ToString(), StringComparison.Ordinal);
        Assert.True(worker.ContainsKey("Storage__BlobServiceUri"), "The worker has no storage endpoint and would refuse to start.");
        Assert.Contains("defaultHostName", app["Studio__PublicBaseUrl"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Service_bus_dead_letters_only_what_the_worker_never_settled()
    {
        // The worker reports a job failed and dead-letters it after Worker__MaxDeliveries deliveries. Service Bus counts
        // every delivery (a lost lock, a shutdown's abandon), so its own bound must be larger, or a job interrupted
        // a few times would vanish into the dead-letter queue without the orchestration hearing of it.
        var worker = WorkerSettings();
        var maxDeliveries = int.Parse((string)worker["Worker__MaxDeliveries"]!, System.Globalization.CultureInfo.InvariantCulture);
        var watched = new[] { (string?)worker["Worker__Queue"], (string?)worker["Worker__InferenceQueue"] };
        var queues = template.Root.Module("servicebus").Parameter("queues")!.AsArray()
            .Where(queue => watched.Contains((string?)queue!["name"]))
            .ToList();

        Assert.Equal(2, queues.Count);
        Assert.All(queues, queue => Assert.True(
            (int)queue!["maxDeliveryCount"]! > maxDeliveries,
            $"{queue["name"]}: maxDeliveryCount {queue["maxDeliveryCount"]} leaves the worker's {maxDeliveries} deliveries no headroom."));
    }

    private JsonObject FunctionAppSettings()
    {
        var config = Assert.Single(
            template.Root.ResourcesOfType("Microsoft.Web/sites/config"),
            resource => ((string?)resource.Resource["name"] ?? string.Empty).Contains("appsettings", StringComparison.Ordinal));
        return Assert.IsType<JsonObject>(config.Resolve(config.Resource["properties"]));
    }

    private JsonObject WorkerSettings()
    {
        var job = Assert.Single(template.Root.ResourcesOfType("Microsoft.App/jobs"));
        var container = Assert.Single(job.Resolve(job.Properties["template"])!["containers"]!.AsArray());
        var settings = new JsonObject();
        foreach (var variable in container!["env"]!.AsArray())
        {
            var name = (string?)variable!["name"] ?? throw new InvalidOperationException("An environment variable has no name.");
            Assert.False(settings.ContainsKey(name), $"The worker sets {name} twice.");
            settings[name] = variable["value"]?.DeepClone();
        }

        return settings;
    }

    /// <summary>Patterns of the environment-variable form (<c>Section__Name</c>) of every key the options classes bind.</summary>
    private static List<Regex> KnownKeys(Assembly[] assemblies, string[] directReads)
    {
        var patterns = directReads.Select(key => Regex.Escape(key.Replace(":", "__", StringComparison.Ordinal))).ToList();
        foreach (var (section, type) in OptionsClasses(assemblies))
        {
            patterns.AddRange(PropertyPatterns(Regex.Escape(section.Replace(":", "__", StringComparison.Ordinal)), type, depth: 0));
        }

        return patterns.Select(pattern => new Regex($"^{pattern}$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)).ToList();
    }

    private static IEnumerable<string> PropertyPatterns(string prefix, Type type, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod?.IsPublic == true))
        {
            var key = $"{prefix}__{Regex.Escape(property.Name)}";
            var element = ElementType(property.PropertyType);
            if (element is not null)
            {
                // A list's items are numbered; a dictionary's are named (a model name such as silero_vad_v5).
                key += typeof(IDictionary).IsAssignableFrom(property.PropertyType) ? "__[A-Za-z0-9][A-Za-z0-9._-]*" : @"__\d+";
            }

            var target = element ?? property.PropertyType;
            if (IsComplex(target) && depth < 4)
            {
                foreach (var nested in PropertyPatterns(key, target, depth + 1))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return key;
            }
        }
    }

    private static IEnumerable<string> RequiredKeys(Assembly[] assemblies) =>
        from options in OptionsClasses(assemblies)
        let defaults = Activator.CreateInstance(options.Type)
        from property in options.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        where property.SetMethod?.IsPublic == true && property.GetCustomAttribute<RequiredAttribute>() is not null
        let value = property.GetValue(defaults)
        where value is null || value is string { Length: 0 }
        select $"{options.Section.Replace(":", "__", StringComparison.Ordinal)}__{property.Name}";

    private static IEnumerable<(string Section, Type Type)> OptionsClasses(Assembly[] assemblies) =>
        from assembly in assemblies.Distinct()
        from type in assembly.GetTypes()
        where type is { IsClass: true, IsAbstract: false } && type.GetConstructor(Type.EmptyTypes) is not null
        let field = type.GetField("Section", BindingFlags.Public | BindingFlags.Static)
        where field is { IsLiteral: true } && field.FieldType == typeof(string)
        select ((string)field.GetRawConstantValue()!, type);

    private static Type? ElementType(Type type) =>
        type == typeof(string) ? null
            : type.IsArray ? type.GetElementType()
            : typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[^1]
            : null;

    private static bool IsComplex(Type type) =>
        type.IsClass && type != typeof(string) && type != typeof(Uri) && !type.IsArray && Nullable.GetUnderlyingType(type) is null;

    [GeneratedRegex("^(AZURE_CLIENT_ID|APPLICATIONINSIGHTS_.+|AzureWebJobs.+|FUNCTIONS_.+|WEBSITE_.+|Storage__(credential|clientId))$", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformSettingsOfFunctionApp();

    [GeneratedRegex("^AZURE_CLIENT_ID$", RegexOptions.CultureInvariant)]
    private static partial Regex PlatformSettingsOfWorker();
}
