using Polly;
using Serverless.Studio.Providers.Records;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>
/// One cloud provider a call may go to, behind its own circuit breaker and timeout. <see cref="CacheRequest"/>, the
/// canonical text of the request (provider kind, address, model and what is asked), lets an identical request be
/// answered from the cache; null, never cached.
/// </summary>
public sealed record ProviderCandidate<T>(string Name, ResiliencePipeline Pipeline, Func<CancellationToken, Task<T>> Call)
{
    public string Model { get; init; } = "";

    public ProviderPrices Prices { get; init; } = ProviderPrices.None;

    public string? CacheRequest { get; init; }
}
