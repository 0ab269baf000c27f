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

    public async Task<Provided<T>> ExecuteAsync<T>(
        Func<CancellationToken, Task<T>>? cloud,
        Func<CancellationToken, Task<T>> offline,
        Func<T, UsageSample> measure,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(offline);
        ArgumentNullException.ThrowIfNull(measure);
        var user = UsageAttribution.CurrentUser;
        if (cloud is not null)
        {
            var called = false;
            try
            {
                var value = await pipeline.ExecuteAsync(
                    async token =>
                    {
                        called = true;
                        return await cloud(token).ConfigureAwait(false);
                    },
                    cancellationToken).ConfigureAwait(false);
                await RecordAsync(user, ProviderNames.AzureOpenAI, true, measure(value), cancellationToken).ConfigureAwait(false);
                return new Provided<T>(value, ProviderNames.AzureOpenAI);
            }
            catch (BrokenCircuitException)
            {
                logger.LogInformation("Azure OpenAI {Capability}: circuit open, the offline provider answers.", Capability);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // Messages of SDK exceptions hold the status and the service's error text, never the key.
                logger.LogWarning(ex, "Azure OpenAI {Capability} failed ({Error}); the offline provider answers.", Capability, ex.GetType().Name);
                if (called)
                {
                    await RecordAsync(user, ProviderNames.AzureOpenAI, false, UsageSample.None, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        var result = await offline(cancellationToken).ConfigureAwait(false);
        await RecordAsync(user, ProviderNames.Offline, true, measure(result), cancellationToken).ConfigureAwait(false);
        return new Provided<T>(result, ProviderNames.Offline);
    }

    private ValueTask RecordAsync(string user, string provider, bool succeeded, UsageSample sample, CancellationToken cancellationToken) =>
        meter.RecordAsync(new UsageRecord(user, provider, Capability, succeeded, sample, timeProvider.GetUtcNow()), cancellationToken);
}
