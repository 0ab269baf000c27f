using Serverless.Worker.Transport;

namespace Serverless.Worker.Jobs;

/// <summary>
/// Keeps a delivery invisible to other workers while its job runs, renewing at a third of the visibility
/// so one failed renewal still leaves time for the next. Stop it before completing or abandoning the delivery:
/// a renewal changes the message's receipt.
/// </summary>
internal sealed class LeaseRenewal<T> : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public LeaseRenewal(JobDelivery<T> delivery, TimeSpan visibility, ILogger logger)
    {
        _loop = RenewAsync(delivery, visibility, logger, _stop.Token);
    }

    public async Task StopAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await _stop.CancelAsync();
        }

        await _loop;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stop.Dispose();
    }

    private static async Task RenewAsync(JobDelivery<T> delivery, TimeSpan visibility, ILogger logger, CancellationToken stop)
    {
        var interval = visibility / 3;
        while (true)
        {
            try
            {
                await Task.Delay(interval, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                // Not cancelled mid-call: a renewal the service applied but we never heard back from would
                // leave us holding a stale receipt.
                await delivery.RenewAsync(visibility, CancellationToken.None);
            }
            catch (Exception exception)
            {
                logger.LogWarning(exception, "Renewing the job's lease failed; another worker may pick the job up");
            }
        }
    }
}
