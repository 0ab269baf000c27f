using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Serverless.Durable.Activities;
using Serverless.Durable.Backend;
using Serverless.Durable.History;
using Serverless.Durable.Hosting;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.Worker;

/// <summary>Runs one activity in its own DI scope and turns the outcome into the answer for its instance.</summary>
internal sealed class ActivityRunner(
    DurableTaskRegistry registry,
    IServiceScopeFactory scopes,
    DataConverter converter,
    TimeProvider time,
    ILogger<ActivityRunner> logger)
{
    public async Task<TaskMessage> RunAsync(ActivityWorkItem item, CancellationToken cancellation)
    {
        var scheduled = item.Scheduled;
        using var span = DurableTelemetry.Source.StartActivity($"activity {scheduled.Name}", ActivityKind.Internal);
        span?.SetTag("durable.instance_id", item.Message.InstanceId);
        span?.SetTag("durable.task_id", scheduled.EventId);
        DurableTelemetry.ActivitiesStarted.Add(1);

        HistoryEvent answer;
        try
        {
            var output = await ExecuteAsync(item, scheduled, cancellation);
            answer = new TaskCompletedEvent(time.GetUtcNow().UtcDateTime, scheduled.EventId, output);
            DurableTelemetry.ActivitiesCompleted.Add(1);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            // The failure is the activity's result: it is recorded in history and thrown in the orchestrator.
            logger.LogWarning(e, "Activity {Activity} of {InstanceId} failed", scheduled.Name, item.Message.InstanceId);
            answer = new TaskFailedEvent(time.GetUtcNow().UtcDateTime, scheduled.EventId, TaskFailureDetails.FromException(e));
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            DurableTelemetry.ActivitiesFailed.Add(1);
        }

        return new TaskMessage(item.Message.Id + ":answer", item.Message.InstanceId, item.Message.ExecutionId, answer);
    }

    public TaskMessage Poisoned(ActivityWorkItem item, string reason)
    {
        DurableTelemetry.ActivitiesFailed.Add(1);
        var failure = new TaskFailedEvent(time.GetUtcNow().UtcDateTime, item.Scheduled.EventId, new TaskFailureDetails("PoisonMessage", reason, null));
        return new TaskMessage(item.Message.Id + ":answer", item.Message.InstanceId, item.Message.ExecutionId, failure);
    }

    private async Task<string?> ExecuteAsync(ActivityWorkItem item, TaskScheduledEvent scheduled, CancellationToken cancellation)
    {
        var type = registry.FindActivity(scheduled.Name)
            ?? throw new InvalidOperationException($"No activity named '{scheduled.Name}' is registered.");
        await using var scope = scopes.CreateAsyncScope();
        var body = (IActivityBody)scope.ServiceProvider.GetRequiredService(type);
        var input = converter.Deserialize(scheduled.Input, body.InputType);
        cancellation.ThrowIfCancellationRequested();
        var result = await body.RunAsync(new ActivityExecutionContext(scheduled.Name, item.Message.InstanceId), input);
        return converter.Serialize(result);
    }
}
