using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>Transport security and key-less access: HTTPS only, TLS 1.2, no keys or connection strings in settings.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class SecurityTests(CompiledTemplate template)
{
    private static readonly string[] KeyMarkers =
    [
        "listKeys",
        "listConnectionStrings",
        "listAccountSas",
        "listServiceSas",
        "AccountKey=",
        "SharedAccessKey",
        "DefaultEndpointsProtocol",
        "primaryKey",
        "primaryMasterKey",
    ];

    [Fact]
    public void The_function_app_is_https_only_with_tls_1_2_and_no_ftp()
    {
        var site = Assert.Single(template.Root.ResourcesOfType("Microsoft.Web/sites"));
        var siteConfig = site.Resolve(site.Properties["siteConfig"])!;

        Assert.True(site.Properties["httpsOnly"]?.GetValue<bool>());
        Assert.Equal("1.2", (string?)siteConfig["minTlsVersion"]);
        Assert.Equal("1.2", (string?)siteConfig["scmMinTlsVersion"]);
        Assert.Equal("Disabled", (string?)siteConfig["ftpsState"]);

        var publishing = template.Root.ResourcesOfType("Microsoft.Web/sites/basicPublishingCredentialsPolicies").ToList();
        Assert.Equal(2, publishing.Count);
        Assert.All(publishing, policy => Assert.False(policy.Properties["allow"]?.GetValue<bool>()));
    }

    [Fact]
    public void Every_data_service_requires_tls_1_2_or_newer()
    {
        var storage = Assert.Single(template.Root.ResourcesOfType("Microsoft.Storage/storageAccounts"));
        Assert.Equal("TLS1_2", (string?)storage.Properties["minimumTlsVersion"]);
        Assert.True(storage.Properties["supportsHttpsTrafficOnly"]?.GetValue<bool>());

        var cosmos = Assert.Single(template.Root.ResourcesOfType("Microsoft.DocumentDB/databaseAccounts"));
        Assert.Equal("Tls12", (string?)cosmos.Properties["minimalTlsVersion"]);

        var serviceBus = Assert.Single(template.Root.ResourcesOfType("Microsoft.ServiceBus/namespaces"));
        Assert.Equal("1.2", (string?)serviceBus.Properties["minimumTlsVersion"]);
    }

    [Fact]
    public void Shared_keys_and_local_auth_are_disabled()
    {
        var storage = Assert.Single(template.Root.ResourcesOfType("Microsoft.Storage/storageAccounts"));
        Assert.False(storage.Properties["allowSharedKeyAccess"]?.GetValue<bool>());
        Assert.False(storage.Properties["allowBlobPublicAccess"]?.GetValue<bool>());

        var cosmos = Assert.Single(template.Root.ResourcesOfType("Microsoft.DocumentDB/databaseAccounts"));
        Assert.True(cosmos.Properties["disableLocalAuth"]?.GetValue<bool>());

        var serviceBus = Assert.Single(template.Root.ResourcesOfType("Microsoft.ServiceBus/namespaces"));
        Assert.True(serviceBus.Properties["disableLocalAuth"]?.GetValue<bool>());

        var registry = Assert.Single(template.Root.ResourcesOfType("Microsoft.ContainerRegistry/registries"));
        Assert.False(registry.Properties["adminUserEnabled"]?.GetValue<bool>());

        var insights = Assert.Single(template.Root.ResourcesOfType("Microsoft.Insights/components"));
        Assert.True(insights.Properties["DisableLocalAuth"]?.GetValue<bool>());

        var vault = Assert.Single(template.Root.ResourcesOfType("Microsoft.KeyVault/vaults"));
        Assert.True(vault.Properties["enableRbacAuthorization"]?.GetValue<bool>());
    }

    [Fact]
    public void App_settings_hold_no_storage_keys_or_connection_strings()
    {
        var settings = AppSettings();
        Assert.NotEmpty(settings);

        foreach (var (name, value) in settings)
        {
            var text = value?.ToJsonString() ?? string.Empty;
            Assert.DoesNotContain(KeyMarkers, marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase));

            // AzureWebJobsStorage must be the identity form (AzureWebJobsStorage__accountName ...), never a connection string.
            Assert.NotEqual("AzureWebJobsStorage", name, StringComparer.OrdinalIgnoreCase);
            if (name != "APPLICATIONINSIGHTS_CONNECTION_STRING")
            {
                Assert.False(
                    name.Contains("ConnectionString", StringComparison.OrdinalIgnoreCase)
                        || name.Contains("CONNECTION_STRING", StringComparison.Ordinal)
                        || name.EndsWith("Key", StringComparison.Ordinal) && !IsKeyVaultReference(value),
                    $"App setting {name} looks like a key or connection string: {text}");
            }
        }

        Assert.Equal("managedidentity", (string?)settings["AzureWebJobsStorage__credential"]);
        Assert.Equal("managedidentity", (string?)settings["Storage__credential"]);
    }

    [Fact]
    public void The_retired_durable_signing_key_is_gone()
    {
        // The home-made engine's signed management URLs went with it: no setting, parameter or secret is left.
        Assert.DoesNotContain(AppSettings(), setting => setting.Key.StartsWith("Durable__SigningKey", StringComparison.OrdinalIgnoreCase));
        Assert.False(template.Root.Template["parameters"]!.AsObject().ContainsKey("durableSigningKey"));
        var secrets = template.Root.Module("keyvault").Parameter("secrets")!.AsObject();
        Assert.False(secrets.ContainsKey("durable-signing-key"), "Key Vault still provisions durable-signing-key.");
        var parametersFile = File.ReadAllText(Path.Combine(template.RepositoryRoot, "infra", "main.parameters.json"));
        Assert.DoesNotContain("DURABLE_SIGNING_KEY", parametersFile, StringComparison.Ordinal);
    }

    [Fact]
    public void App_settings_point_the_app_at_its_services_by_identity()
    {
        var settings = AppSettings();

        foreach (var name in new[]
        {
            "Storage__BlobServiceUri", "Storage__QueueServiceUri", "Storage__TableServiceUri", "Cosmos__Endpoint",
            "Transport__ServiceBus__FullyQualifiedNamespace", "AZURE_CLIENT_ID", "AzureOpenAI__Endpoint",
            "AzureWebJobsStorage__accountName", "AzureWebJobsStorage__clientId", "APPLICATIONINSIGHTS_CONNECTION_STRING",
            "Storage__credential", "Storage__clientId",
        })
        {
            Assert.True(settings.ContainsKey(name), $"App setting {name} is missing.");
        }

        // AZURE_CLIENT_ID is the client ID of the app's user-assigned identity.
        Assert.Contains("userAssignedIdentities", settings["AZURE_CLIENT_ID"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("clientId", settings["AZURE_CLIENT_ID"]!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AzureOpenAI__ApiKey", "azure-openai-api-key")]
    [InlineData("Auth__Jwt__SigningKey", "jwt-signing-key")]
    public void Secrets_are_key_vault_references(string setting, string secretName)
    {
        var value = AppSettings()[setting];

        Assert.True(IsKeyVaultReference(value), $"{setting} is not a Key Vault reference: {value}");
        Assert.Contains(secretName, value!.ToString(), StringComparison.Ordinal);

        var secrets = template.Root.Module("keyvault").Parameter("secrets")!.AsObject();
        Assert.True(secrets.ContainsKey(secretName), $"Key Vault secret {secretName} is not provisioned.");
    }

    [Fact]
    public void The_function_app_resolves_key_vault_references_with_its_own_identity()
    {
        var site = Assert.Single(template.Root.ResourcesOfType("Microsoft.Web/sites"));

        Assert.Equal("[parameters('identityResourceId')]", (string?)site.Properties["keyVaultReferenceIdentity"]);
        Assert.Contains(
            "Microsoft.ManagedIdentity/userAssignedIdentities",
            site.Scope.ResolveString(site.Properties["keyVaultReferenceIdentity"]),
            StringComparison.Ordinal);
    }

    [Fact]
    public void The_worker_job_has_no_secrets_or_keys()
    {
        var job = Assert.Single(template.Root.ResourcesOfType("Microsoft.App/jobs"));
        var configuration = job.Resolve(job.Properties["configuration"])!.AsObject();
        Assert.False(configuration.ContainsKey("secrets"), "The worker job declares secrets; it should use its identity.");

        var text = job.Resolve(job.Properties)!.ToJsonString();
        Assert.DoesNotContain(KeyMarkers, marker => text.Contains(marker, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Keys_are_read_only_where_a_service_offers_nothing_else()
    {
        // The Container Apps environment needs the Log Analytics shared key, and the Event Grid webhook the blobs
        // extension key of the function app. No other module may read a key, and nothing reads storage keys.
        var modulesReadingKeys = template.Root.Modules
            .Where(module => module.Template.ToJsonString().Contains("listKeys", StringComparison.Ordinal))
            .Select(module => module.DeploymentName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(["container-apps-environment", "eventgrid-incoming-footage-subscription", "eventgrid-incoming-subscription"], modulesReadingKeys);

        var all = template.Root.Template.ToJsonString();
        Assert.DoesNotContain("Microsoft.Storage/storageAccounts'), '2025-06-01').keys", all, StringComparison.Ordinal);
        Assert.DoesNotContain("listAccountSas", all, StringComparison.Ordinal);
        Assert.DoesNotContain("listConnectionStrings", all, StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_hold_no_secrets()
    {
        var outputs = template.Root.Template["outputs"]!.AsObject();
        foreach (var (name, output) in outputs)
        {
            var type = (string?)output!["type"];
            Assert.False(
                string.Equals(type, "securestring", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(type, "secureObject", StringComparison.OrdinalIgnoreCase),
                $"Output {name} is secure.");
            var value = template.Root.ResolveString(output["value"]);
            Assert.DoesNotContain(KeyMarkers, marker => value.Contains(marker, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain("parameters('azureOpenAiApiKey')", value, StringComparison.Ordinal);
        }
    }

    private JsonObject AppSettings()
    {
        var config = Assert.Single(
            template.Root.ResourcesOfType("Microsoft.Web/sites/config"),
            resource => ((string?)resource.Resource["name"] ?? string.Empty).Contains("appsettings", StringComparison.Ordinal));
        return Assert.IsType<JsonObject>(config.Resolve(config.Resource["properties"]));
    }

    private static bool IsKeyVaultReference(JsonNode? value) =>
        value?.ToString().Contains("@Microsoft.KeyVault(SecretUri=", StringComparison.Ordinal) == true;
}
