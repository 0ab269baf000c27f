namespace Serverless.Durable.Orchestrations;

/// <summary>A durable call the orchestrator is awaiting, completed when its answer is replayed or arrives.</summary>
internal abstract class OpenTask(string name)
{
    public string Name { get; } = name;

    public abstract void Complete(string? serializedResult);

    public abstract void Fail(Exception exception);

    public void Fail(TaskFailureDetails details) => Fail(new TaskFailedException(Name, details));

    public abstract void Cancel();
}

internal sealed class OpenTask<T>(string name, DataConverter converter) : OpenTask(name)
{
    // Continuations run inline on the replay thread; RunContinuationsAsynchronously would move Task.WhenAll
    // completions to the thread pool and break determinism.
    private readonly TaskCompletionSource<T> _source = new();

    public Task<T> Task => _source.Task;

    public override void Complete(string? serializedResult)
    {
        T? value;
        try
        {
            value = converter.Deserialize<T>(serializedResult);
        }
        catch (System.Text.Json.JsonException e)
        {
            _source.TrySetException(new InvalidOperationException($"The result of '{Name}' could not be read as {typeof(T).Name}: {e.Message}", e));
            return;
        }

        _source.TrySetResult(value!);
    }

    public override void Fail(Exception exception) => _source.TrySetException(exception);

    public override void Cancel() => _source.TrySetCanceled();
}
