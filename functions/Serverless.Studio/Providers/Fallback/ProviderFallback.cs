using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Serverless.Studio.Providers.Ledger;
using Serverless.Studio.Providers.Records;
using Serverless.Studio.Providers.Usage;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>The capability a fallback runs: its name in logs and metering, its name on the bill, the operator's model.</summary>
/// <param name="Name">As logs and the usage meter name it (<c>shot-images</c>).</param>
/// <param name="PricedAs">A <see cref="ProviderCapabilities"/> name, as prices and the ledger name it.</param>
/// <param name="OperatorModel">The Azure OpenAI deployment, when one is configured.</param>
public sealed record FallbackCapability(string Name, string PricedAs, string? OperatorModel);

/// <summary>
/// Runs one capability on its cloud providers, each through its circuit breaker and timeout, and on the offline provider
/// when none answers. Each call is metered for the current user (<see cref="UsageAttribution"/>) under the provider
/// that was called; inside a task (<see cref="UsageAttribution.CurrentCall"/>) it is also answered from the cache when
/// it can be, checked against the task's budget before a paid call, and written to the ledger.
/// </summary>
public sealed class ProviderFallback(FallbackCapability capability, ResiliencePipeline pipeline, IUsageMeter meter, ProviderBilling? billing, TimeProvider timeProvider, ILogger logger)
{
    public string Capability => capability.Name;

    /// <summary>The operator's Azure OpenAI (when configured), then offline.</summary>
    public Task<Provided<T>> ExecuteAsync<T>(
        Func<CancellationToken, Task<T>>? cloud,
        Func<CancellationToken, Task<T>> offline,
        Func<T, UsageSample> measure,
        CancellationToken cancellationToken)
        where T : class =>
        ExecuteAsync(null, cloud, offline, measure, UsageSample.None, cancellationToken);

    /// <summary>
    /// The current user's own providers (<paramref name="users"/> lists them), then the operator's Azure OpenAI, then
    /// offline. <paramref name="planned"/> is what the call will consume, known before it is made (its budget check).
    /// </summary>
    public async Task<Provided<T>> ExecuteAsync<T>(
        Func<string, CancellationToken, Task<IReadOnlyList<ProviderCandidate<T>>>>? users,
        Func<CancellationToken, Task<T>>? cloud,
        Func<CancellationToken, Task<T>> offline,
        Func<T, UsageSample> measure,
        UsageSample planned,
        CancellationToken cancellationToken)
        where T : class
    {
        var user = UsageAttribution.CurrentUser;
        var candidates = users is null || user == UsageAttribution.Anonymous
            ? []
            : (await users(user, cancellationToken).ConfigureAwait(false)).ToList();
        if (cloud is not null)
        {
            candidates.Add(new ProviderCandidate<T>(ProviderNames.AzureOpenAI, pipeline, cloud) { Model = capability.OperatorModel ?? "" });
        }

        return await ExecuteAsync(candidates, offline, measure, planned, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each candidate in order, then offline; the result names who answered and why the others did not.</summary>
    public async Task<Provided<T>> ExecuteAsync<T>(
        IReadOnlyList<ProviderCandidate<T>> candidates,
        Func<CancellationToken, Task<T>> offline,
        Func<T, UsageSample> measure,
        UsageSample planned,
        CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(offline);
        ArgumentNullException.ThrowIfNull(measure);
        var user = UsageAttribution.CurrentUser;
        var call = billing is null ? null : UsageAttribution.CurrentCall;
        var passed = new List<PassedOver>();
        foreach (var candidate in candidates)
        {
            if (call is not null && candidate.CacheRequest is { } request
                && await billing!.CachedAsync<T>(call, request, cancellationToken).ConfigureAwait(false) is { } hit)
            {
                var units = candidate.Prices.ChargeFor(capability.PricedAs, measure(hit)).Units;
                await billing.RecordAsync(call, capability.PricedAs, candidate.Name, candidate.Model, Charge.Of(units, 0), cached: true, fallback: passed.Count > 0, failed: false, cancellationToken).ConfigureAwait(false);
                return new Provided<T>(hit, candidate.Name) { PassedOver = passed };
            }

            // Outside the provider's try: a call the budget refuses fails the task rather than passing to the next provider.
            using var reservation = call is null
                ? null
                : await billing!.ReserveAsync(call, capability.PricedAs, candidate.Name, candidate.Prices.ChargeFor(capability.PricedAs, planned), cancellationToken).ConfigureAwait(false);
            var (value, called) = await TryAsync(candidate, passed, cancellationToken).ConfigureAwait(false);
            if (value is null)
            {
                if (called)
                {
                    await RecordAsync(user, candidate.Name, false, UsageSample.None, cancellationToken).ConfigureAwait(false);
                    if (call is not null)
                    {
                        await billing!.RecordAsync(call, capability.PricedAs, candidate.Name, candidate.Model, Charge.Free, cached: false, fallback: passed.Count > 1, failed: true, cancellationToken).ConfigureAwait(false);
                    }
                }

                continue;
            }

            var sample = measure(value);
            await RecordAsync(user, candidate.Name, true, sample, cancellationToken).ConfigureAwait(false);
            if (call is not null)
            {
                await billing!.RecordAsync(call, capability.PricedAs, candidate.Name, candidate.Model, candidate.Prices.ChargeFor(capability.PricedAs, sample), cached: false, fallback: passed.Count > 0, failed: false, cancellationToken).ConfigureAwait(false);
                if (candidate.CacheRequest is { } paid)
                {
                    await billing.StoreAsync(call, paid, value, cancellationToken).ConfigureAwait(false);
                }
            }

            return new Provided<T>(value, candidate.Name) { PassedOver = passed };
        }

        var result = await offline(cancellationToken).ConfigureAwait(false);
        var offlineSample = measure(result);
        await RecordAsync(user, ProviderNames.Offline, true, offlineSample, cancellationToken).ConfigureAwait(false);
        if (call is not null)
        {
            var units = ProviderPrices.None.ChargeFor(capability.PricedAs, offlineSample).Units;
            await billing!.RecordAsync(call, capability.PricedAs, ProviderNames.Offline, ProviderRegistry.OfflineModelOf(capability.PricedAs), Charge.Of(units, 0), cached: false, fallback: passed.Count > 0, failed: false, cancellationToken).ConfigureAwait(false);
        }

        return new Provided<T>(result, ProviderNames.Offline) { PassedOver = passed };
    }

    /// <summary>The candidate's answer, or null (with the reason added to <paramref name="passed"/>) when it gave none; and whether it was called at all.</summary>
    private async Task<(T? Value, bool Called)> TryAsync<T>(ProviderCandidate<T> candidate, List<PassedOver> passed, CancellationToken cancellationToken)
        where T : class
    {
        var called = false;
        try
        {
            var value = await candidate.Pipeline.ExecuteAsync(
                async token =>
                {
                    called = true;
                    return await candidate.Call(token).ConfigureAwait(false);
                },
                cancellationToken).ConfigureAwait(false);
            return (value, called);
        }
        catch (BrokenCircuitException)
        {
            logger.LogInformation("{Provider} {Capability}: circuit open, the next provider answers.", candidate.Name, Capability);
            passed.Add(new PassedOver(candidate.Name, "circuit open"));
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Messages of SDK exceptions hold the status and the service's error text, never the key.
            logger.LogWarning(ex, "{Provider} {Capability} failed ({Error}); the next provider answers.", candidate.Name, Capability, ex.GetType().Name);
            passed.Add(new PassedOver(candidate.Name, Reason(ex)));
        }

        return (null, called);
    }

    /// <summary>What a user reads on the shot: the status or the kind of failure, never the service's text.</summary>
    private static string Reason(Exception ex) => ex switch
    {
        System.ClientModel.ClientResultException { Status: > 0 } e => $"HTTP {e.Status}",
        Polly.Timeout.TimeoutRejectedException or OperationCanceledException => "timed out",
        // The guard refuses at connect time, so the refusal arrives wrapped by HttpClient and the SDK.
        _ when Webhooks.OutboundAddressGuard.RefusalIn(ex) is not null => "address refused",
        _ => "failed",
    };

    private ValueTask RecordAsync(string user, string provider, bool succeeded, UsageSample sample, CancellationToken cancellationToken) =>
        meter.RecordAsync(new UsageRecord(user, provider, Capability, succeeded, sample, timeProvider.GetUtcNow()), cancellationToken);
}
