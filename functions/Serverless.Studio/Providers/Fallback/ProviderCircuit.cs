using System.ClientModel;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Serverless.Studio.Providers.AzureOpenAI;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>The resilience pipeline around one cloud capability: a circuit breaker outside a per-call timeout.</summary>
public static class ProviderCircuit
{
    public static ResiliencePipeline Create(AzureOpenAIOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = 0.5,
                MinimumThroughput = options.BreakAfterFailures,
                SamplingDuration = TimeSpan.FromMinutes(1),
                BreakDuration = options.BreakDuration,

                // The caller giving up is not the provider failing; an HTTP client timing out (also a cancellation) is.
                // A request the service rejects for its content (400 content filter, 413, 422) says nothing about the
                // service's health: that call still falls back, but it must not cut Azure off for everyone else.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception switch
                {
                    null => false,
                    OperationCanceledException => !args.Context.CancellationToken.IsCancellationRequested,
                    ClientResultException { Status: 400 or 413 or 422 } => false,
                    _ => true,
                }),
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.Timeout })
            .Build();
    }
}
