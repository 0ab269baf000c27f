using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Serverless.Studio.Providers.Usage;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>
/// Runs one capability on its cloud provider through a circuit breaker and timeout, and on the offline provider when
/// the cloud one is not configured, fails, times out or its circuit is open. Each call is metered for the current
/// user (<see cref="UsageAttribution"/>) under the provider that was called.
/// </summary>
public sealed class ProviderFallback(string capability, ResiliencePipeline pipeline, IUsageMeter meter, TimeProvider timeProvider, ILogger logger)
{
    public string Capability { get; } = capability;

    /// <summary>The operator's Azure OpenAI (when configured), then offline.</summary>
    public Task<Provided<T>> ExecuteAsync<T>(
        Func<CancellationToken, Task<T>>? cloud,
        Func<CancellationToken, Task<T>> offline,
        Func<T, UsageSample> measure,
        CancellationToken cancellationToken) =>
        ExecuteAsync(null, cloud, offline, measure, cancellationToken);

    /// <summary>The current user's own providers (<paramref name="users"/> lists them), then the operator's Azure OpenAI, then offline.</summary>
    public async Task<Provided<T>> ExecuteAsync<T>(
        Func<string, CancellationToken, Task<IReadOnlyList<ProviderCandidate<T>>>>? users,
        Func<CancellationToken, Task<T>>? cloud,
        Func<CancellationToken, Task<T>> offline,
        Func<T, UsageSample> measure,
        CancellationToken cancellationToken)
    {
        var user = UsageAttribution.CurrentUser;
        var candidates = users is null || user == UsageAttribution.Anonymous
            ? []
            : (await users(user, cancellationToken).ConfigureAwait(false)).ToList();
        if (cloud is not null)
        {
            candidates.Add(new ProviderCandidate<T>(ProviderNames.AzureOpenAI, pipeline, cloud));
        }

        return await ExecuteAsync(candidates, offline, measure, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each candidate in order, then offline; the result names who answered and why the others did not.</summary>
    public async Task<Provided<T>> ExecuteAsync<T>(
        IReadOnlyList<ProviderCandidate<T>> candidates,
        Func<CancellationToken, Task<T>> offline,
        Func<T, UsageSample> measure,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(offline);
        ArgumentNullException.ThrowIfNull(measure);
        var user = UsageAttribution.CurrentUser;
        var passed = new List<PassedOver>();
        foreach (var candidate in candidates)
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
                await RecordAsync(user, candidate.Name, true, measure(value), cancellationToken).ConfigureAwait(false);
                return new Provided<T>(value, candidate.Name) { PassedOver = passed };
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
                if (called)
                {
                    await RecordAsync(user, candidate.Name, false, UsageSample.None, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var result = await offline(cancellationToken).ConfigureAwait(false);
        await RecordAsync(user, ProviderNames.Offline, true, measure(result), cancellationToken).ConfigureAwait(false);
        return new Provided<T>(result, ProviderNames.Offline) { PassedOver = passed };
    }

    /// <summary>What a user reads on the shot: the status or the kind of failure, never the service's text.</summary>
    private static string Reason(Exception ex) => ex switch
    {
        System.ClientModel.ClientResultException { Status: > 0 } e => $"HTTP {e.Status}",
        Polly.Timeout.TimeoutRejectedException or OperationCanceledException => "timed out",
        Webhooks.WebhookTargetRefusedException => "address refused",
        _ => "failed",
    };

    private ValueTask RecordAsync(string user, string provider, bool succeeded, UsageSample sample, CancellationToken cancellationToken) =>
        meter.RecordAsync(new UsageRecord(user, provider, Capability, succeeded, sample, timeProvider.GetUtcNow()), cancellationToken);
}
