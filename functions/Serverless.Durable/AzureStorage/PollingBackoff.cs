namespace Serverless.Durable.AzureStorage;

/// <summary>
/// When a queue is next worth a receive: at once while work flows, then at doubling intervals up to the maximum
/// while it stays empty. A visible message sent by this process makes the queue due again at once (poke); work
/// handed over in memory only wakes the waiter (wake), since a receive would find nothing new and every empty
/// receive costs the storage account a request.
/// </summary>
internal sealed class PollingBackoff(TimeSpan max, TimeProvider time)
{
    private static readonly TimeSpan Min = TimeSpan.FromMilliseconds(5);
    private readonly Lock _gate = new();
    private TimeSpan _interval = Min;
    private long _dueAt;
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes at the next poke or wake; take it before checking for work, then wait on it.</summary>
    public Task WakeSignal => Volatile.Read(ref _wake).Task;

    public bool IsDue
    {
        get
        {
            lock (_gate)
            {
                return time.GetTimestamp() >= _dueAt;
            }
        }
    }

    /// <summary>A receive found messages: there may be more, so receive again at once.</summary>
    public void Reset()
    {
        lock (_gate)
        {
            _interval = Min;
            _dueAt = 0;
        }
    }

    /// <summary>A receive found nothing: wait the current interval, and twice as long after the next miss.</summary>
    public void Backoff()
    {
        lock (_gate)
        {
            _dueAt = time.GetTimestamp() + (long)(_interval.TotalSeconds * time.TimestampFrequency);
            _interval = TimeSpan.FromTicks(Math.Min(_interval.Ticks * 2, max.Ticks));
        }
    }

    /// <summary>This process made a message visible in the queue: receive it now.</summary>
    public void Poke()
    {
        Reset();
        Wake();
    }

    /// <summary>Work was handed over in memory: let the waiter look, without a receive.</summary>
    public void Wake() => Interlocked.Exchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Returns when the queue is due, or when <paramref name="wake"/> completes.</summary>
    public async Task WaitAsync(Task wake, CancellationToken cancellation)
    {
        TimeSpan remaining;
        lock (_gate)
        {
            remaining = TimeSpan.FromSeconds((double)(_dueAt - time.GetTimestamp()) / time.TimestampFrequency);
        }

        if (remaining <= TimeSpan.Zero || wake.IsCompleted)
        {
            return;
        }

        // Task.Delay truncates to whole milliseconds and the timer may fire a little before the stopwatch says the
        // queue is due: an unrounded wait of under a millisecond completes at once, and the listener spun through
        // such waits (one linked token source and WhenAny each) for the last millisecond of every interval.
        remaining = TimeSpan.FromMilliseconds(Math.Ceiling(remaining.TotalMilliseconds));
        using var stopDelay = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        await Task.WhenAny(wake, Task.Delay(remaining, time, stopDelay.Token));
        await stopDelay.CancelAsync();
        cancellation.ThrowIfCancellationRequested();
    }
}
