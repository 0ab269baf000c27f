using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Webhooks;

namespace Serverless.Studio.Tests.Providers;

/// <summary>A provider the outbound guard refused is passed over as "address refused", however deep the refusal is wrapped.</summary>
public sealed class ProviderRefusalReasonTests
{
    [Fact]
    public async Task A_refusal_wrapped_by_the_http_stack_is_named_as_a_refused_address()
    {
        var fallback = new ProviderFallback(
            new FallbackCapability("chat", "chat", null), ResiliencePipeline.Empty, new InMemoryUsageMeter(), null, TimeProvider.System, NullLogger.Instance);
        var refused = new WebhookTargetRefusedException("10.0.0.5 is a private address");
        ProviderCandidate<string> Failing(string name, Exception error) =>
            new(name, ResiliencePipeline.Empty, _ => Task.FromException<string>(error));

        var provided = await fallback.ExecuteAsync(
            [
                Failing("wrapped", new InvalidOperationException("the SDK's wrapper", new HttpRequestException("connect failed", refused))),
                Failing("direct", refused),
                Failing("other", new HttpRequestException("connection reset")),
            ],
            _ => Task.FromResult("offline"),
            _ => UsageSample.None,
            UsageSample.None,
            CancellationToken.None);

        Assert.Equal("offline", provided.Value);
        Assert.Equal(
            [new PassedOver("wrapped", "address refused"), new PassedOver("direct", "address refused"), new PassedOver("other", "failed")],
            provided.PassedOver);
    }
}
