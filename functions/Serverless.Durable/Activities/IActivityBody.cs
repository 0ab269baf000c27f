namespace Serverless.Durable;

/// <summary>The engine's untyped view of a <see cref="TaskActivity{TInput,TOutput}"/>.</summary>
internal interface IActivityBody
{
    Type InputType { get; }

    Task<object?> RunAsync(TaskActivityContext context, object? input);
}
