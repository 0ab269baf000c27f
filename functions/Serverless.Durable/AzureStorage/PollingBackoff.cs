namespace Serverless.Durable.AzureStorage;

/// <summary>
/// Polls fast while work flows and slows to the maximum when idle. A local send pokes the poller so work made
/// in this process is picked up without waiting out the interval.
/// </summary>
internal sealed class PollingBackoff(TimeSpan max, TimeProvider time)
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(5);
    private TimeSpan _next = Min;
    private int _poked;
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Reset() => _next = Min;

    public void Poke()
    {
        _next = Min;
        Volatile.Write(ref _poked, 1);
        Volatile.Read(ref _signal).TrySetResult();
    }

    public async Task WaitAsync(CancellationToken cancellation)
    {
        if (Interlocked.Exchange(ref _poked, 0) == 1)
        {
            return;
        }

        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _signal, signal);
        if (Interlocked.Exchange(ref _poked, 0) == 1)
        {
            return;
        }

        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        await Task.WhenAny(signal.Task, Task.Delay(_next, time, stopDelay.Token));
        await stopDelay.CancelAsync();
        cancellation.ThrowIfCancellationRequested();
        if (Interlocked.Exchange(ref _poked, 0) == 1)
        {
            _next = Min;
            return;
        }

        _next = TimeSpan.FromTicks(Math.Min(_next.Ticks * 2, max.Ticks));
    }
}
