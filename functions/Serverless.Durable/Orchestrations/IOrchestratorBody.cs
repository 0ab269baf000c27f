namespace Serverless.Durable;

/// <summary>The engine's untyped view of a <see cref="TaskOrchestrator{TInput,TOutput}"/>.</summary>
internal interface IOrchestratorBody
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
