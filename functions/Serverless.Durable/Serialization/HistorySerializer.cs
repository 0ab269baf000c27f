using System.Text.Json;
using System.Text.Json.Serialization;
using Serverless.Durable.History;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.Serialization;

/// <summary>
/// Fixed options for what the engine stores itself (history rows, queue messages). Payloads inside are already
/// JSON strings made with the user's options, so changing those never breaks stored history.
/// </summary>
internal static class HistorySerializer
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Serialize(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Options);

    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Options) ?? throw new JsonException("Empty history event.");

    public static string Serialize(TaskMessage message) => JsonSerializer.Serialize(message, Options);

    public static TaskMessage DeserializeMessage(string json) =>
        JsonSerializer.Deserialize<TaskMessage>(json, Options) ?? throw new JsonException("Empty task message.");

    public static string Serialize(TaskFailureDetails details) => JsonSerializer.Serialize(details, Options);

    public static TaskFailureDetails? DeserializeFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<TaskFailureDetails>(json, Options);
}
