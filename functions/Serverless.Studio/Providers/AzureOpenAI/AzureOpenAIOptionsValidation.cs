using Microsoft.Extensions.Options;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>Checks <see cref="AzureOpenAIOptions"/> at start, so a typo fails the deployment rather than every call.</summary>
public sealed class AzureOpenAIOptionsValidation : IValidateOptions<AzureOpenAIOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureOpenAIOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.IsConfigured)
        {
            if (options.EndpointUri is not { } uri || (uri.Scheme != Uri.UriSchemeHttps && !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
            {
                // Plain http is only allowed to a loopback address (local emulators and tests); a key must never cross a network in clear.
                failures.Add("AzureOpenAI:Endpoint must be an absolute https URL.");
            }

            if (!options.HasChat && !options.HasImages && !options.HasSpeech && !options.HasTranscription)
            {
                failures.Add("AzureOpenAI:Endpoint is set but none of ChatDeployment, ImageDeployment, SpeechDeployment, TranscriptionDeployment is.");
            }
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(10))
        {
            failures.Add("AzureOpenAI:Timeout must be between 0 and 10 minutes.");
        }

        if (options.TranscriptionChunkSeconds is < 10 or > 800 || double.IsNaN(options.TranscriptionChunkSeconds))
        {
            failures.Add("AzureOpenAI:TranscriptionChunkSeconds must be between 10 and 800 (a request carries at most 25 MB).");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("AzureOpenAI:MaxRetries must be between 0 and 10.");
        }

        // Polly's circuit breaker needs a throughput of at least 2 and a break of at least 0.5 s.
        if (options.BreakAfterFailures < 2)
        {
            failures.Add("AzureOpenAI:BreakAfterFailures must be at least 2.");
        }

        if (options.BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            failures.Add("AzureOpenAI:BreakDuration must be at least 0.5 seconds.");
        }

        if (string.IsNullOrWhiteSpace(options.NarratorVoice) || options.FemaleVoices.Length == 0 || options.MaleVoices.Length == 0)
        {
            failures.Add("AzureOpenAI:NarratorVoice, FemaleVoices and MaleVoices must not be empty.");
        }

        if (string.IsNullOrWhiteSpace(options.SpeechApiVersion))
        {
            failures.Add("AzureOpenAI:SpeechApiVersion must not be empty.");
        }

        if (options.MaxShotsToAnalyze < 1)
        {
            failures.Add("AzureOpenAI:MaxShotsToAnalyze must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
