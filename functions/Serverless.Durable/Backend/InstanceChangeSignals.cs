using System.Collections.Concurrent;

namespace Serverless.Durable.Backend;

/// <summary>
/// Wakes clients in this process that wait on an instance when a local worker commits it, so waiting costs no
/// polling round trips; clients in other processes fall back to polling.
/// </summary>
internal sealed class InstanceChangeSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _waiters = new(StringComparer.Ordinal);

    public async Task WaitAsync(string instanceId, TimeSpan maxWait, CancellationToken cancellation)
    {
        var signal = _waiters.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        try
        {
            await signal.Task.WaitAsync(maxWait, cancellation);
        }
        catch (TimeoutException)
        {
            // Expected: the caller re-reads the instance after each wait.
        }
    }

    public void Notify(string instanceId)
    {
        if (_waiters.TryRemove(instanceId, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
