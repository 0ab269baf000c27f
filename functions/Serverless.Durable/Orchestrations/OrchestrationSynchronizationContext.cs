namespace Serverless.Durable.Orchestrations;

/// <summary>
/// Runs every continuation of orchestrator code on the replaying thread, in order, so a replay makes the same
/// decisions as the original run. Work posted from elsewhere (a non-durable await) is queued and only runs
/// during a later drain of this replay, never concurrently.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _work = new();
    private readonly Lock _gate = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            _work.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code cannot block on synchronous work.");

    public override SynchronizationContext CreateCopy() => this;

    public void RunPending()
    {
        while (true)
        {
            (SendOrPostCallback Callback, object? State) next;
            lock (_gate)
            {
                if (!_work.TryDequeue(out next))
                {
                    return;
                }
            }

            next.Callback(next.State);
        }
    }

    public void Run(Action action)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            action();
            RunPending();
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
