namespace Serverless.Worker.Jobs;

/// <summary>
/// What the job listeners are doing, as far as deciding whether the worker is idle goes: how many jobs run, when one
/// last arrived or finished, and whether every queue served has since been polled and found empty.
/// </summary>
public sealed class WorkerActivity(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DateTimeOffset> _lastFoundEmpty = new(StringComparer.Ordinal);
    private DateTimeOffset _lastBusy = time.GetUtcNow();
    private int _running;

    /// <summary>A listener starts polling <paramref name="queue"/>; until it finds it empty the worker is not idle.</summary>
    public void Serving(string queue)
    {
        lock (_gate)
        {
            _lastFoundEmpty.TryAdd(queue, DateTimeOffset.MinValue);
        }
    }

    public void FoundEmpty(string queue)
    {
        lock (_gate)
        {
            _lastFoundEmpty[queue] = time.GetUtcNow();
        }
    }

    public void JobStarted()
    {
        lock (_gate)
        {
            _running++;
            _lastBusy = time.GetUtcNow();
        }
    }

    public void JobFinished()
    {
        lock (_gate)
        {
            _running--;
            _lastBusy = time.GetUtcNow();
        }
    }

    /// <summary>
    /// How long the worker has been idle: no job running, and every queue it serves polled empty since the last job
    /// arrived or finished. Zero while it is not idle.
    /// </summary>
    public TimeSpan IdleFor()
    {
        lock (_gate)
        {
            if (_running > 0 || _lastFoundEmpty.Count == 0 || _lastFoundEmpty.Values.Any(empty => empty < _lastBusy))
            {
                return TimeSpan.Zero;
            }

            return time.GetUtcNow() - _lastBusy;
        }
    }
}
