using System.Text.RegularExpressions;

namespace Serverless.Infra.Tests;

/// <summary>Role assignments go only to our own user-assigned identities, with narrow roles on narrow scopes.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed partial class RoleAssignmentTests(CompiledTemplate template)
{
    private const string Owner = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635";
    private const string Contributor = "b24988ac-6180-42a3-ab88-20f7382dd24c";
    private const string UserAccessAdministrator = "18d7d88d-d35e-4fb5-a5c3-7773c20a72d9";

    public static TheoryData<string> AssignmentTypes =>
    [
        "Microsoft.Authorization/roleAssignments",
        "Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments",
    ];

    [Theory]
    [MemberData(nameof(AssignmentTypes))]
    public void Every_principal_is_one_of_our_identities(string type)
    {
        var assignments = template.Root.ResourcesOfType(type).ToList();
        Assert.NotEmpty(assignments);

        foreach (var assignment in assignments)
        {
            Assert.NotSame(template.Root, assignment.Scope);
            Assert.Equal("[parameters('principalId')]", (string?)assignment.Properties["principalId"]);

            // The module's principalId is the principalId output of one of the identity modules ...
            var passed = PassedValue(assignment.Scope, "principalId");
            var match = IdentityOutput().Match(passed ?? string.Empty);
            Assert.True(match.Success, $"{assignment.Scope.DeploymentName}: principalId comes from '{passed}', not an identity module.");

            // ... which declares a user-assigned identity and outputs its principal ID.
            var identityModule = template.Root.Module(match.Groups["module"].Value);
            Assert.Single(identityModule.ResourcesOfType("Microsoft.ManagedIdentity/userAssignedIdentities"));
            var principal = identityModule.ResolveString(identityModule.Template["outputs"]!["principalId"]!["value"]);
            Assert.Contains("Microsoft.ManagedIdentity/userAssignedIdentities", principal, StringComparison.Ordinal);
            Assert.EndsWith(".principalId]", principal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Assignments_name_the_service_principal_type_and_a_stable_guid()
    {
        foreach (var assignment in template.Root.ResourcesOfType("Microsoft.Authorization/roleAssignments"))
        {
            Assert.Equal("ServicePrincipal", (string?)assignment.Properties["principalType"]);
            var name = (string?)assignment.Resource["name"] ?? string.Empty;
            Assert.StartsWith("[guid(", name, StringComparison.Ordinal);
            Assert.Contains("parameters('principalId')", name, StringComparison.Ordinal);
            Assert.Contains("roleDefinitionId", name, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void No_identity_gets_owner_contributor_or_access_administration()
    {
        var granted = GrantedRoles().SelectMany(pair => pair.Value).ToList();

        Assert.NotEmpty(granted);
        Assert.DoesNotContain(Owner, granted);
        Assert.DoesNotContain(Contributor, granted);
        Assert.DoesNotContain(UserAccessAdministrator, granted);
    }

    [Theory]
    [InlineData("identity-api", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner (host storage)
    [InlineData("identity-api", "974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor
    [InlineData("identity-api", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor
    [InlineData("identity-api", "69a216fc-b8fb-44d8-bc22-1f3c2cd27a39")] // Azure Service Bus Data Sender
    [InlineData("identity-api", "4633458b-17de-408a-b874-0445c86b69e6")] // Key Vault Secrets User
    [InlineData("identity-worker", "ba92f5b4-2d11-453d-a403-e96b0029c9fe")] // Storage Blob Data Contributor (assets, renders)
    [InlineData("identity-worker", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1")] // Storage Blob Data Reader (catalog, models, jobs)
    [InlineData("identity-worker", "4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0")] // Azure Service Bus Data Receiver
    [InlineData("identity-worker", "c6a89b2d-59bc-44d0-9896-0f6e12d7b80a")] // Storage Queue Data Message Sender (render-results)
    [InlineData("identity-worker", "7f951dda-4ed3-4680-a7ca-43fe172d538d")] // AcrPull
    public void Each_identity_gets_the_roles_its_app_needs(string identityModule, string roleDefinitionId)
    {
        Assert.Contains(roleDefinitionId, GrantedRoles()[identityModule]);
    }

    [Fact]
    public void The_function_app_identity_is_a_cosmos_data_contributor()
    {
        var assignment = Assert.Single(template.Root.ResourcesOfType("Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments"));
        Assert.Contains("identity-api", (string?)PassedValue(assignment.Scope, "principalId"), StringComparison.Ordinal);
        Assert.Equal("00000000-0000-0000-0000-000000000002", assignment.Scope.Parameter("roleDefinitionId")?.ToString());
    }

    [Fact]
    public void Only_the_worker_pulls_images_and_only_the_api_reads_secrets()
    {
        var roles = GrantedRoles();
        Assert.DoesNotContain("7f951dda-4ed3-4680-a7ca-43fe172d538d", roles["identity-api"]);
        Assert.DoesNotContain("4633458b-17de-408a-b874-0445c86b69e6", roles["identity-worker"]);
    }

    [Fact]
    public void The_worker_holds_blob_roles_only_on_the_containers_it_uses()
    {
        string[] blobRoles = ["ba92f5b4-2d11-453d-a403-e96b0029c9fe", "2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"];
        var scopes = new Dictionary<string, string>();
        foreach (var assignment in template.Root.ResourcesOfType("Microsoft.Authorization/roleAssignments"))
        {
            var worker = ((string?)PassedValue(assignment.Scope, "principalId") ?? string.Empty).Contains("'identity-worker'", StringComparison.Ordinal);
            var roles = assignment.Scope.Parameter("roleDefinitionIds")!.AsArray().Select(role => role!.ToString()).ToList();
            if (!worker || !roles.Any(blobRoles.Contains))
            {
                continue;
            }

            // Scoped to one container: never the account, which would reach scripts, incoming and the deployment package.
            Assert.Equal("[resourceId('Microsoft.Storage/storageAccounts/blobServices/containers', parameters('storageAccountName'), 'default', parameters('containerName'))]", (string?)assignment.Resource["scope"]);
            var container = assignment.Scope.Parameter("containerName")!.ToString();
            scopes[container] = string.Join(",", roles);
        }

        Assert.Equal(["assets", "catalog", "footage", "incoming-footage", "jobs", "models", "renders"], scopes.Keys.Order());
        Assert.Equal("ba92f5b4-2d11-453d-a403-e96b0029c9fe", scopes["assets"]);
        Assert.Equal("ba92f5b4-2d11-453d-a403-e96b0029c9fe", scopes["footage"]);
        Assert.Equal("ba92f5b4-2d11-453d-a403-e96b0029c9fe", scopes["renders"]);
        Assert.All(new[] { "catalog", "models", "jobs", "incoming-footage" }, c => Assert.Equal("2a2b9908-6ea1-4ae2-8e65-a410df84e7d1", scopes[c]));
    }

    /// <summary>Built-in role definition IDs granted per identity module, across all role-assignment modules.</summary>
    private Dictionary<string, List<string>> GrantedRoles()
    {
        var granted = new Dictionary<string, List<string>>();
        foreach (var assignment in template.Root.ResourcesOfType("Microsoft.Authorization/roleAssignments"))
        {
            var identity = IdentityOutput().Match((string?)PassedValue(assignment.Scope, "principalId") ?? string.Empty).Groups["module"].Value;
            var roleIds = assignment.Scope.Parameter("roleDefinitionIds")!.AsArray().Select(role => role!.ToString());
            if (!granted.TryGetValue(identity, out var list))
            {
                granted[identity] = list = [];
            }

            list.AddRange(roleIds);
        }

        return granted;
    }

    /// <summary>The raw expression a parent passes for one parameter of a module.</summary>
    private static string? PassedValue(TemplateScope module, string parameter)
    {
        var deployment = module.Parent!.OwnResources.Single(resource => (string?)resource["name"] == module.DeploymentName);
        return (string?)deployment["properties"]!["parameters"]![parameter]!["value"];
    }

    [GeneratedRegex(@"^\[reference\(resourceId\('Microsoft\.Resources/deployments', '(?<module>identity-[a-z]+)'\), '[^']+'\)\.outputs\.principalId\.value\]$")]
    private static partial Regex IdentityOutput();
}
