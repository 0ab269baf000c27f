using System.Text.Json;
using Serverless.Durable.History;

namespace Serverless.Durable;

public sealed class OrchestrationMetadata
{
    private readonly JsonSerializerOptions _json;

    internal OrchestrationMetadata(string name, string instanceId, JsonSerializerOptions json)
    {
        Name = name;
        InstanceId = instanceId;
        _json = json;
    }

    public string Name { get; }

    public string InstanceId { get; }

    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastUpdatedAt { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The current execution's history, when asked for.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; init; }

    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending
        or OrchestrationRuntimeStatus.Suspended or OrchestrationRuntimeStatus.ContinuedAsNew;

    public bool IsCompleted => RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
        or OrchestrationRuntimeStatus.Terminated;

    public T? ReadInputAs<T>() => Read<T>(SerializedInput);

    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);

    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    private T? Read<T>(string? json) => json is null ? default : JsonSerializer.Deserialize<T>(json, _json);
}
