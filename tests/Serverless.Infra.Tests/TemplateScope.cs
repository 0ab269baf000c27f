using System.Text.Json.Nodes;

namespace Serverless.Infra.Tests;

/// <summary>A resource declared in a template, with the template (deployment) it is declared in.</summary>
public sealed record DeclaredResource(JsonObject Resource, TemplateScope Scope)
{
    public string Type => (string?)Resource["type"] ?? string.Empty;

    public JsonObject Properties => Resource["properties"] as JsonObject ?? [];

    public JsonNode? Resolve(JsonNode? node) => Scope.Resolve(node);
}

/// <summary>
/// One template of the compiled main.json: the top level or a module's nested deployment. Knows its parameter values
/// and resolves the simple expressions Bicep emits (parameters, variables, module outputs) back to the literal values
/// or to the runtime expression they come from.
/// </summary>
public sealed class TemplateScope
{
    private readonly JsonObject? _passedParameters;

    public TemplateScope(JsonObject template, JsonObject? passedParameters, TemplateScope? parent, string deploymentName)
    {
        Template = template;
        _passedParameters = passedParameters;
        Parent = parent;
        DeploymentName = deploymentName;
    }

    public JsonObject Template { get; }

    public TemplateScope? Parent { get; }

    /// <summary>Name of the deployment (module) that holds this template; "main" at the top.</summary>
    public string DeploymentName { get; }

    /// <summary>Resources declared (not merely referenced with <c>existing</c>) directly in this template.</summary>
    public IEnumerable<JsonObject> OwnResources
    {
        get
        {
            IEnumerable<JsonNode?> nodes = Template["resources"] switch
            {
                JsonArray array => array,
                JsonObject symbolic => symbolic.Select(pair => pair.Value),
                _ => [],
            };
            return nodes.OfType<JsonObject>().Where(resource => resource["existing"]?.GetValue<bool>() != true);
        }
    }

    /// <summary>Nested deployments (modules) declared in this template.</summary>
    public IEnumerable<TemplateScope> Modules =>
        OwnResources
            .Where(resource => (string?)resource["type"] == "Microsoft.Resources/deployments")
            .Where(resource => resource["properties"]?["template"] is JsonObject)
            .Select(resource => new TemplateScope(
                (JsonObject)resource["properties"]!["template"]!,
                resource["properties"]!["parameters"] as JsonObject,
                this,
                (string?)resource["name"] ?? string.Empty));

    /// <summary>Every resource of this template and of all its modules, recursively.</summary>
    public IEnumerable<DeclaredResource> AllResources =>
        OwnResources.Select(resource => new DeclaredResource(resource, this))
            .Concat(Modules.SelectMany(module => module.AllResources));

    public IEnumerable<DeclaredResource> ResourcesOfType(string type) =>
        AllResources.Where(resource => string.Equals(resource.Type, type, StringComparison.OrdinalIgnoreCase));

    public TemplateScope Module(string name) =>
        Modules.SingleOrDefault(module => module.DeploymentName == name)
            ?? throw new InvalidOperationException($"No module deployment named '{name}' in {DeploymentName}.");

    /// <summary>
    /// Evaluates what is known at compile time (parameters, variables, module outputs, format, ...; see
    /// <see cref="ArmExpression"/>), leaving runtime expressions as their text. Objects and arrays are resolved
    /// member by member.
    /// </summary>
    public JsonNode? Resolve(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                var resolvedObject = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var resolvedKey = ArmExpression.IsExpression(key) ? Resolve(JsonValue.Create(key))?.ToString() ?? key : key;
                    resolvedObject[resolvedKey] = Resolve(value)?.DeepClone();
                }

                return resolvedObject;
            case JsonArray array:
                return new JsonArray(array.Select(item => Resolve(item)?.DeepClone()).ToArray());
            case JsonValue value when value.TryGetValue<string>(out var text):
                return ResolveExpression(text) ?? node;
            default:
                return node;
        }
    }

    public string ResolveString(JsonNode? node) => Resolve(node)?.ToString() ?? string.Empty;

    private JsonNode? ResolveExpression(string text) =>
        ArmExpression.IsExpression(text) ? ArmExpression.Evaluate(text, this) : null;

    /// <summary>The value of one of this template's parameters: the one its parent passes, else the default.</summary>
    public JsonNode? Parameter(string name) => ResolveParameter(name);

    private JsonNode? ResolveParameter(string name)
    {
        if (_passedParameters?[name] is JsonObject passed && Parent is not null)
        {
            return Parent.Resolve(passed["value"]);
        }

        return Resolve(Template["parameters"]?[name]?["defaultValue"]);
    }
}
