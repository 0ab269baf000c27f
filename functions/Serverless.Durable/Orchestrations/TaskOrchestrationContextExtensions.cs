namespace Serverless.Durable;

public static class TaskOrchestrationContextExtensions
{
    /// <summary>Waits for an event with no timeout.</summary>
    public static Task<T> WaitForExternalEvent<T>(this TaskOrchestrationContext context, string eventName) =>
        context.WaitForExternalEvent<T>(eventName, Timeout.InfiniteTimeSpan);

    public static Task CreateTimer(this TaskOrchestrationContext context, TimeSpan delay, CancellationToken cancellationToken = default) =>
        context.CreateTimer(context.CurrentUtcDateTime + delay, cancellationToken);

    public static Task CallSubOrchestratorAsync(this TaskOrchestrationContext context, string orchestratorName, object? input = null, TaskOptions? options = null) =>
        context.CallSubOrchestratorAsync<object?>(orchestratorName, input, options);
}
