using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.Exceptions;
using DurableTask.Core.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Newtonsoft.Json.Linq;

namespace Serverless.TaskHub;

/// <summary>What replaying a saved history against today's orchestrator code showed.</summary>
public sealed record ReplayReport(string Orchestrator, int EventsReplayed, string Status, string? NonDeterminism)
{
    public bool IsDeterministic => NonDeterminism is null;
}

/// <summary>
/// Replays a saved execution history through the Durable Task Framework's own executor, with the orchestrator class
/// registered under the history's name: a code change that would make other decisions than the running instances made
/// is found before it is deployed (DTFx raises its non-determinism failure exactly as the engine would).
/// </summary>
public static class HistoryReplay
{
    /// <summary>
    /// Reads a history as the task hub keeps it: a JSON array of DTFx history events (what
    /// <see cref="TaskHubClient.GetHistoryJsonAsync"/> returns), each naming its <c>EventType</c>.
    /// </summary>
    public static IReadOnlyList<HistoryEvent> Parse(string json)
    {
        var events = new List<HistoryEvent>();
        foreach (var item in JArray.Parse(json))
        {
            if (item is not JObject entry || entry["EventType"] is not { } kind)
            {
                throw new FormatException("each history event needs an EventType (save the history with `serverless durable history`)");
            }

            var eventType = kind.Type == JTokenType.Integer ? (EventType)kind.Value<int>() : Enum.Parse<EventType>(kind.Value<string>()!);
            var type = typeof(HistoryEvent).Assembly.GetType($"DurableTask.Core.History.{eventType}Event")
                ?? typeof(HistoryEvent).Assembly.GetType($"DurableTask.Core.History.{eventType}")
                ?? throw new FormatException($"unknown history event type {eventType}");
            events.Add((HistoryEvent)entry.ToObject(type)!);
        }

        if (events.OfType<ExecutionStartedEvent>().FirstOrDefault() is null)
        {
            throw new FormatException("the history has no ExecutionStarted event");
        }

        return events;
    }

    /// <summary>Replays <paramref name="history"/>; <see cref="ArgumentException"/> when no orchestrator has its name.</summary>
    public static ReplayReport Replay(IServiceProvider services, TaskHubRegistry registry, DataConverter converter, IReadOnlyList<HistoryEvent> history)
    {
        var started = history.OfType<ExecutionStartedEvent>().First();
        if (!registry.Orchestrators.TryGetValue(started.Name, out var type))
        {
            throw new ArgumentException($"No orchestrator named '{started.Name}' is registered.");
        }

        started.OrchestrationInstance ??= new OrchestrationInstance { InstanceId = "replay", ExecutionId = "replay" };
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = converter });
        var orchestration = shims.CreateOrchestration(started.Name, (ITaskOrchestrator)ActivatorUtilities.CreateInstance(services, type));
        var state = new OrchestrationRuntimeState(history.ToList());
        var result = new TaskOrchestrationExecutor(state, orchestration, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails).Execute();
        var completion = result.Actions.OfType<OrchestrationCompleteOrchestratorAction>().FirstOrDefault();
        var nonDeterminism = completion is { OrchestrationStatus: OrchestrationStatus.Failed }
            && (completion.FailureDetails?.ErrorType ?? "").Contains(nameof(NonDeterministicOrchestrationException), StringComparison.Ordinal)
            ? completion.FailureDetails!.ErrorMessage
            : null;
        var status = state.OrchestrationStatus is OrchestrationStatus.Running or OrchestrationStatus.Pending && completion is not null
            ? completion.OrchestrationStatus
            : state.OrchestrationStatus;
        return new ReplayReport(started.Name, history.Count, status.ToString(), nonDeterminism);
    }
}
