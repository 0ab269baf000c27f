using System.Text.Json;
using System.Text.Json.Serialization;

namespace Serverless.Functions.FunctionsHost;

/// <summary>
/// What the Functions host POSTs to <c>/{FunctionName}</c> for a non-HTTP trigger: <c>Data</c> holds the trigger and
/// input bindings by binding name, <c>Metadata</c> the trigger's metadata (binding-expression values such as
/// <c>name</c>, queue message id and dequeue count, and <c>sys</c>).
/// </summary>
public sealed record FunctionInvocation
{
    [JsonPropertyName("Data")]
    public Dictionary<string, JsonElement> Data { get; init; } = [];

    [JsonPropertyName("Metadata")]
    public Dictionary<string, JsonElement> Metadata { get; init; } = [];

    /// <summary>A binding's value as text: a JSON string as is, anything else (the host may send parsed JSON) as raw JSON.</summary>
    public string? DataText(string binding) => Text(Data, binding);

    public string? MetadataText(string key) => Text(Metadata, key);

    private static string? Text(Dictionary<string, JsonElement> values, string key) =>
        values.TryGetValue(key, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.GetRawText(),
        } : null;
}
