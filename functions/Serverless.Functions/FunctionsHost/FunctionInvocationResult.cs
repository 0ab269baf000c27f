using System.Text.Json.Serialization;

namespace Serverless.Functions.FunctionsHost;

/// <summary>
/// What a handler answers the Functions host: values for output bindings by name, log lines the host writes to its
/// own logs, and the value of a <c>$return</c> binding.
/// </summary>
public sealed record FunctionInvocationResult(
    [property: JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: JsonPropertyName("ReturnValue")] object? ReturnValue)
{
    public static FunctionInvocationResult Done(object? returnValue, params string[] logs) =>
        new(new Dictionary<string, object?>(), logs, returnValue);
}
