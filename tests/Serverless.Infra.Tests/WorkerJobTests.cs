namespace Serverless.Infra.Tests;

/// <summary>The worker runs as an event-driven Container Apps job on a GPU profile, scaled by KEDA on the render queue.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class WorkerJobTests(CompiledTemplate template)
{
    [Fact]
    public void The_keda_rule_targets_the_render_queue()
    {
        var job = Assert.Single(template.Root.ResourcesOfType("Microsoft.App/jobs"));
        var configuration = job.Resolve(job.Properties["configuration"])!;

        Assert.Equal("Event", (string?)configuration["triggerType"]);
        var scale = configuration["eventTriggerConfig"]!["scale"]!;
        Assert.Equal(0, (int)scale["minExecutions"]!);

        var rule = Assert.Single(scale["rules"]!.AsArray());
        Assert.Equal("azure-servicebus", (string?)rule!["type"]);
        Assert.Equal("render-jobs", (string?)rule["metadata"]!["queueName"]);

        // The namespace is ours, and the scaler authenticates with the worker identity instead of a connection string.
        Assert.Contains("Microsoft.ServiceBus/namespaces", template.Root.Module("servicebus").Template.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(
            template.Root.Module("servicebus").ResolveString(template.Root.Module("servicebus").Template["outputs"]!["name"]!["value"]),
            (string?)rule["metadata"]!["namespace"]);
        Assert.Null(rule["auth"]);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", rule["identity"]?.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_render_queue_exists_in_service_bus()
    {
        var queues = template.Root.Module("servicebus").Parameter("queues")!.AsArray();
        Assert.Contains(queues, queue => (string?)queue!["name"] == "render-jobs");
    }

    [Fact]
    public void The_gpu_workload_profile_is_attached_to_the_worker_job()
    {
        var job = Assert.Single(template.Root.ResourcesOfType("Microsoft.App/jobs"));
        var profileName = job.Scope.ResolveString(job.Properties["workloadProfileName"]);
        Assert.False(string.IsNullOrEmpty(profileName));

        var environment = Assert.Single(template.Root.ResourcesOfType("Microsoft.App/managedEnvironments"));
        var profiles = environment.Resolve(environment.Properties["workloadProfiles"])!.AsArray();
        var profile = Assert.Single(profiles, candidate => (string?)candidate!["name"] == profileName);
        Assert.StartsWith("Consumption-GPU-", (string?)profile!["workloadProfileType"], StringComparison.Ordinal);

        // The job runs in that environment.
        Assert.Contains("Microsoft.App/managedEnvironments", job.Scope.ResolveString(job.Properties["environmentId"]), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_serverless_gpu_profiles_can_be_chosen()
    {
        var allowed = template.Root.Template["parameters"]!["gpuWorkloadProfileType"]!["allowedValues"]!.AsArray();
        Assert.NotEmpty(allowed);
        Assert.All(allowed, value => Assert.StartsWith("Consumption-GPU-", value!.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public void The_image_is_pulled_from_our_registry_with_the_worker_identity()
    {
        var job = Assert.Single(template.Root.ResourcesOfType("Microsoft.App/jobs"));
        var registry = Assert.Single(job.Resolve(job.Properties["configuration"])!["registries"]!.AsArray());

        Assert.Contains("Microsoft.ContainerRegistry/registries", registry!["server"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", registry["identity"]!.ToString(), StringComparison.Ordinal);
        Assert.Null(registry["passwordSecretRef"]);
    }

    [Fact]
    public void The_worker_knows_its_identity_and_queue()
    {
        var job = Assert.Single(template.Root.ResourcesOfType("Microsoft.App/jobs"));
        var container = Assert.Single(job.Resolve(job.Properties["template"])!["containers"]!.AsArray());
        var env = container!["env"]!.ToJsonString();

        Assert.Contains("AZURE_CLIENT_ID", env, StringComparison.Ordinal);
        Assert.Contains("Transport__ServiceBus__FullyQualifiedNamespace", env, StringComparison.Ordinal);
        Assert.Contains("Storage__QueueServiceUri", env, StringComparison.Ordinal);
        Assert.Contains("Storage__BlobServiceUri", env, StringComparison.Ordinal);
    }
}
