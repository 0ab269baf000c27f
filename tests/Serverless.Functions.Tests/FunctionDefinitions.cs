using System.Text.Json;
using Serverless.Testing;

namespace Serverless.Functions.Tests;

/// <summary>One <c>function.json</c>: the function's name (its folder) and its bindings.</summary>
public sealed record FunctionDefinition(string Name, IReadOnlyList<JsonElement> Bindings)
{
    public JsonElement Trigger => Bindings.Single(b => b.GetProperty("type").GetString()!.EndsWith("Trigger", StringComparison.Ordinal));

    public string TriggerType => Trigger.GetProperty("type").GetString()!;

    public bool IsHttp => TriggerType == "httpTrigger";

    /// <summary>The route as ASP.NET Core writes it (leading slash; routePrefix is empty in host.json).</summary>
    public string Route => "/" + Trigger.GetProperty("route").GetString()!.Trim('/');

    /// <summary>Upper-case methods; empty means every method.</summary>
    public IReadOnlyList<string> Methods => Trigger.TryGetProperty("methods", out var methods)
        ? methods.EnumerateArray().Select(m => m.GetString()!.ToUpperInvariant()).ToList()
        : [];
}

public static class FunctionDefinitions
{
    /// <summary>The function folders as the build copies them next to the app (where the Functions host reads them).</summary>
    public static IReadOnlyList<FunctionDefinition> Load()
    {
        var root = AppContext.BaseDirectory;
        return Directory.GetDirectories(root)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(d =>
            {
                using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(d, "function.json")));
                var bindings = json.RootElement.GetProperty("bindings").EnumerateArray().Select(b => b.Clone()).ToList();
                return new FunctionDefinition(Path.GetFileName(d), bindings);
            })
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>The source folder, to prove every source function.json reaches the output.</summary>
    public static IReadOnlyList<string> SourceNames()
    {
        var functions = SourceTree.File("functions", "Serverless.Functions", "Functions");
        return Directory.GetDirectories(functions).Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal).ToList();
    }
}
