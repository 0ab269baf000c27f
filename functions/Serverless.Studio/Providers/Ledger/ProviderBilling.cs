using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Serverless.Studio.Providers.Records;
using Serverless.Studio.Providers.Usage;

namespace Serverless.Studio.Providers.Ledger;

/// <summary>
/// The money side of a task's provider calls: the cache that spares paying twice, the budget checked before a paid
/// call, and the ledger entry written after each call.
/// </summary>
public sealed partial class ProviderBilling(UsageLedger ledger, ProviderCache cache, TimeProvider time, ILogger<ProviderBilling> logger)
{
    // Budget checks of one process are taken one at a time, so parallel shots of a task cannot all pass on the same
    // spent total; a call's reservation stands until its entry is in the ledger.
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, decimal> _pending = new(StringComparer.Ordinal);

    public Task<T?> CachedAsync<T>(BilledCall call, string request, CancellationToken cancellationToken)
        where T : class =>
        cache.FindAsync<T>(ProviderCache.KeyOf(call.UserId, request), cancellationToken);

    public Task StoreAsync<T>(BilledCall call, string request, T value, CancellationToken cancellationToken) =>
        cache.StoreAsync(ProviderCache.KeyOf(call.UserId, request), value, cancellationToken);

    /// <summary>
    /// Holds <paramref name="charge"/> against the task's budget until the returned reservation is disposed (after the
    /// call's entry is written); throws <see cref="BudgetExceededException"/> when the call would take the task past it.
    /// </summary>
    public async Task<IDisposable?> ReserveAsync(BilledCall call, string capability, string provider, Charge charge, CancellationToken cancellationToken)
    {
        if (call.Budget is not { } budget || charge.Cost <= 0)
        {
            return null;
        }

        var taskId = call.TaskId!;
        var own = EntryId(call, capability);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // A replayed call's own earlier entry is about to be replaced, not added to.
            var spent = (await ledger.ForTaskAsync(call.UserId, taskId, cancellationToken)).Where(e => e.Id != own).Sum(e => e.Cost);
            lock (_pending)
            {
                var pending = _pending.GetValueOrDefault(taskId);
                if (spent + pending + charge.Cost > budget)
                {
                    LogRefused(taskId, provider, capability, charge.Cost, spent + pending, budget);
                    throw new BudgetExceededException(string.Create(
                        CultureInfo.InvariantCulture,
                        $"Budget exceeded: the next {capability} call ({charge.Cost:0.00##} USD) would take the task past its budget of {budget:0.00##} USD ({spent + pending:0.00##} USD spent)."));
                }

                _pending[taskId] = pending + charge.Cost;
            }
        }
        finally
        {
            _gate.Release();
        }

        return new Reservation(this, taskId, charge.Cost);
    }

    /// <summary>
    /// Writes the entry of a call. A call answers once per task and capability (its <see cref="BilledCall.CallKey"/>),
    /// so its id is derived from those: a replay replaces it. A failed attempt gets an entry of its own, at no charge.
    /// </summary>
    public Task RecordAsync(BilledCall call, string capability, string provider, string model, Charge charge, bool cached, bool fallback, bool failed, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return ledger.WriteAsync(
            new UsageEntry
            {
                Id = failed ? EntryId(call, capability, provider, "failed") : EntryId(call, capability),
                UserId = call.UserId,
                ProjectId = call.ProjectId ?? "",
                TaskId = call.TaskId!,
                Provider = provider,
                Model = model,
                Capability = capability,
                Units = charge.Units,
                UnitPrice = charge.UnitPrice,
                Cost = charge.Cost,
                Cached = cached,
                Fallback = fallback,
                Failed = failed,
                At = now,
                Day = UsagePeriod.DayOf(now),
                Month = UsagePeriod.MonthOf(now),
            },
            cancellationToken);
    }

    private static string EntryId(BilledCall call, string capability, params string[] more) =>
        "use_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', [call.TaskId, capability, call.CallKey ?? "", .. more]))))[..40];

    private void Release(string taskId, decimal cost)
    {
        lock (_pending)
        {
            var left = _pending.GetValueOrDefault(taskId) - cost;
            if (left <= 0)
            {
                _pending.Remove(taskId);
            }
            else
            {
                _pending[taskId] = left;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId}: {Provider} {Capability} call of {Cost} USD refused, {Spent} USD of {Budget} USD spent")]
    private partial void LogRefused(string taskId, string provider, string capability, decimal cost, decimal spent, decimal budget);

    private sealed class Reservation(ProviderBilling billing, string taskId, decimal cost) : IDisposable
    {
        public void Dispose() => billing.Release(taskId, cost);
    }
}
