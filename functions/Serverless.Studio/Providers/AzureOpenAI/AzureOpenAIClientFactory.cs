using System.ClientModel;
using System.ClientModel.Primitives;
using Azure.AI.OpenAI;
using Azure.Identity;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>Builds the one <see cref="AzureOpenAIClient"/> the adapters share: key or Entra ID, retries and network timeout.</summary>
public static class AzureOpenAIClientFactory
{
    public static AzureOpenAIClient Create(AzureOpenAIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var endpoint = options.EndpointUri ?? throw new InvalidOperationException("AzureOpenAI:Endpoint is not set.");
        var clientOptions = new AzureOpenAIClientOptions
        {
            RetryPolicy = new ClientRetryPolicy(options.MaxRetries),

            // A little longer than the fallback's timeout, so that the fallback's own timeout decides and is logged as such.
            NetworkTimeout = options.Timeout + TimeSpan.FromSeconds(5),
        };

        return options.UsableApiKey is { } key
            ? new AzureOpenAIClient(endpoint, new ApiKeyCredential(key), clientOptions)
            : new AzureOpenAIClient(endpoint, new DefaultAzureCredential(), clientOptions);
    }
}
