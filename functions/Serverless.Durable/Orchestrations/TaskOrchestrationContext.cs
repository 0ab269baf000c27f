using Microsoft.Extensions.Logging;

namespace Serverless.Durable;

public abstract class TaskOrchestrationContext
{
    public abstract string Name { get; }

    public abstract string InstanceId { get; }

    /// <summary>The time recorded in history for the current episode; the same on every replay.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    public abstract bool IsReplaying { get; }

    public abstract Task<T> CallActivityAsync<T>(string name, object? input = null, TaskOptions? options = null);

    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    public abstract Task<T> CallSubOrchestratorAsync<T>(string orchestratorName, object? input = null, TaskOptions? options = null);

    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>
    /// Waits for an event raised on this instance; an event raised before the wait is buffered and delivered.
    /// Throws <see cref="TimeoutException"/> when the timeout passes first.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout);

    public abstract void SetCustomStatus(object? customStatus);

    public abstract void ContinueAsNew(object? newInput);

    public abstract Guid NewGuid();

    public abstract ILogger CreateReplaySafeLogger(string categoryName);
}
