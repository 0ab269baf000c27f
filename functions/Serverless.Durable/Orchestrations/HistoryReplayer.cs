using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Durable.History;
using Serverless.Durable.Orchestrations;
using Serverless.Durable.Serialization;

namespace Serverless.Durable;

/// <summary>What re-running an orchestrator over a saved history showed.</summary>
public sealed record ReplayReport(bool IsDeterministic, string? Error, OrchestrationRuntimeStatus? Status, string? Output, int EventsReplayed);

/// <summary>
/// Re-runs orchestrator code over a saved history (for example one fetched with GetHistoryAsync before a
/// deployment) to prove the new code still makes the recorded decisions.
/// </summary>
public static class HistoryReplayer
{
    public static string Serialize(IReadOnlyList<HistoryEvent> history) =>
        JsonSerializer.Serialize(history, HistorySerializer.Options);

    public static IReadOnlyList<HistoryEvent> Parse(string json) =>
        JsonSerializer.Deserialize<List<HistoryEvent>>(json, HistorySerializer.Options)
        ?? throw new JsonException("The history file holds no events.");

    public static ReplayReport Replay<TInput, TOutput>(TaskOrchestrator<TInput, TOutput> orchestrator, IReadOnlyList<HistoryEvent> history, JsonSerializerOptions? json = null)
    {
        var started = history.OfType<ExecutionStartedEvent>().FirstOrDefault()
            ?? throw new ArgumentException("The history has no ExecutionStarted event.", nameof(history));
        var converter = new DataConverter(json ?? new JsonSerializerOptions(JsonSerializerDefaults.Web));
        var replay = new OrchestrationReplay(started.Name, "replay", started.ExecutionId, orchestrator, converter, NullLoggerFactory.Instance);
        try
        {
            var outcome = replay.Replay(history, []);
            var recorded = history.OfType<ExecutionCompletedEvent>().LastOrDefault();
            if (recorded is not null && outcome.Completion is { } completion
                && (completion.Status != recorded.Status || completion.Output != recorded.Result))
            {
                return new ReplayReport(false,
                    $"Orchestrator '{started.Name}' finished {completion.Status} with {completion.Output ?? "no output"}, but history recorded {recorded.Status} with {recorded.Result ?? "no output"}.",
                    completion.Status, completion.Output, history.Count);
            }

            return new ReplayReport(true, null, outcome.Completion?.Status ?? OrchestrationRuntimeStatus.Running, outcome.Completion?.Output, history.Count);
        }
        catch (NonDeterministicOrchestrationException e)
        {
            return new ReplayReport(false, e.Message, null, null, history.Count);
        }
    }
}
