using Polly;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>One cloud provider a call may go to, behind its own circuit breaker and timeout.</summary>
public sealed record ProviderCandidate<T>(string Name, ResiliencePipeline Pipeline, Func<CancellationToken, Task<T>> Call);
