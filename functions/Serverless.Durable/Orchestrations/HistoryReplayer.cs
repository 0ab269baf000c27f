using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Serverless.Durable.History;
using Serverless.Durable.Hosting;
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

    // The management endpoint's status document, as the function app writes it (snake_case names and enums).
    private static readonly JsonSerializerOptions SnakeCase = new(HistorySerializer.Options)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>
    /// Reads a saved history: the engine's own array of events, or the status document of the management
    /// endpoint fetched with <c>showHistory=true</c> (its <c>historyEvents</c> or <c>history_events</c>).
    /// </summary>
    public static IReadOnlyList<HistoryEvent> Parse(string json)
    {
        var root = JsonNode.Parse(json);
        var events = root switch
        {
            JsonArray array => array,
            JsonObject status => (status["historyEvents"] ?? status["history_events"]) as JsonArray
                ?? throw new JsonException("The status document has no history; fetch it with showHistory=true."),
            _ => throw new JsonException("A history file holds an array of events or a status document with its history."),
        };
        var snakeCase = events.OfType<JsonObject>().Any(e => e.ContainsKey("event_id"));
        return events.Deserialize<List<HistoryEvent>>(snakeCase ? SnakeCase : HistorySerializer.Options)
            ?? throw new JsonException("The history file holds no events.");
    }

    public static ReplayReport Replay<TInput, TOutput>(TaskOrchestrator<TInput, TOutput> orchestrator, IReadOnlyList<HistoryEvent> history, JsonSerializerOptions? json = null) =>
        Replay(orchestrator, history, new DataConverter(json ?? new JsonSerializerOptions(JsonSerializerDefaults.Web)));

    /// <summary>
    /// Replays with the orchestrator registered under the history's name in a service provider configured with
    /// <c>AddDurableTask</c>, built by its container and with its JSON options, as a worker would run it.
    /// </summary>
    public static ReplayReport Replay(IServiceProvider services, IReadOnlyList<HistoryEvent> history)
    {
        var started = history.OfType<ExecutionStartedEvent>().FirstOrDefault()
            ?? throw new ArgumentException("The history has no ExecutionStarted event.", nameof(history));
        var registry = services.GetRequiredService<DurableTaskRegistry>();
        var type = registry.FindOrchestrator(started.Name)
            ?? throw new ArgumentException($"No orchestrator named '{started.Name}' is registered.", nameof(history));
        var body = (IOrchestratorBody)services.GetRequiredService(type);
        return Replay(body, history, services.GetRequiredService<DataConverter>());
    }

    private static ReplayReport Replay(IOrchestratorBody orchestrator, IReadOnlyList<HistoryEvent> history, DataConverter converter)
    {
        var started = history.OfType<ExecutionStartedEvent>().FirstOrDefault()
            ?? throw new ArgumentException("The history has no ExecutionStarted event.", nameof(history));
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
