using Serverless.Durable.History;

namespace Serverless.Durable.Backend;

/// <summary>The committed history of an instance's current execution (empty before its first episode).</summary>
internal sealed record OrchestrationHistory(string? ExecutionId, IReadOnlyList<HistoryEvent> Events)
{
    public static readonly OrchestrationHistory Empty = new(null, []);
}
