namespace Serverless.Durable;

/// <summary>A unit of real work. Runs at least once per scheduling, so side effects should be idempotent.</summary>
public abstract class TaskActivity<TInput, TOutput> : IActivityBody
{
    public abstract Task<TOutput> RunAsync(TaskActivityContext context, TInput input);

    Type IActivityBody.InputType => typeof(TInput);

    async Task<object?> IActivityBody.RunAsync(TaskActivityContext context, object? input) =>
        await RunAsync(context, (TInput)input!);
}
