namespace Serverless.Durable;

/// <summary>
/// Orchestrator code. It is replayed from history many times, so it must be deterministic: take time, ids and
/// randomness from the context, and await only tasks the context hands out.
/// </summary>
public abstract class TaskOrchestrator<TInput, TOutput> : IOrchestratorBody
{
    public abstract Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input);

    Type IOrchestratorBody.InputType => typeof(TInput);

    async Task<object?> IOrchestratorBody.RunAsync(TaskOrchestrationContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
