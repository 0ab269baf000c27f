using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>infra/main.parameters.json (what azd passes) matches the parameters of the compiled template.</summary>
[Collection(CompiledTemplateCollection.Name)]
public sealed class ParametersFileTests(CompiledTemplate template)
{
    [Fact]
    public void Every_parameter_in_the_file_exists_and_every_required_one_is_given()
    {
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(template.RepositoryRoot, "infra", "main.parameters.json")))!;
        var given = file["parameters"]!.AsObject().Select(pair => pair.Key).ToHashSet();
        var declared = template.Root.Template["parameters"]!.AsObject();

        Assert.All(given, name => Assert.True(declared.ContainsKey(name), $"main.parameters.json sets unknown parameter {name}."));
        var required = declared.Where(pair => pair.Value!["defaultValue"] is null).Select(pair => pair.Key);
        Assert.All(required, name => Assert.Contains(name, given));
    }

    [Fact]
    public void Secrets_are_secure_parameters()
    {
        var declared = template.Root.Template["parameters"]!.AsObject();
        foreach (var name in new[] { "azureOpenAiApiKey", "jwtSigningKey" })
        {
            Assert.Equal("securestring", (string?)declared[name]!["type"], StringComparer.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void Every_parameter_has_a_required_or_optional_description()
    {
        foreach (var (name, parameter) in template.Root.Template["parameters"]!.AsObject())
        {
            var description = (string?)parameter!["metadata"]?["description"] ?? string.Empty;
            Assert.True(
                description.StartsWith("Required. ", StringComparison.Ordinal) || description.StartsWith("Optional. ", StringComparison.Ordinal),
                $"Parameter {name} has no 'Required.'/'Optional.' description.");
        }
    }
}
