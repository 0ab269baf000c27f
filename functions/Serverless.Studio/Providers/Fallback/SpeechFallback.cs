using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>Speech from Azure OpenAI TTS when configured and healthy, otherwise from espeak-ng/festival.</summary>
public sealed class SpeechFallback(ISpeechSynthesizer offline, ISpeechSynthesizer? cloud, ProviderFallback fallback) : ISpeechSynthesizer
{
    public async Task<SpeechClip> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken = default) =>
        (await SynthesizeProvidedAsync(request, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>The clip and which provider spoke it.</summary>
    public Task<Provided<SpeechClip>> SynthesizeProvidedAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return fallback.ExecuteAsync(
            cloud is null ? null : token => cloud.SynthesizeAsync(request, token),
            token => offline.SynthesizeAsync(request, token),
            clip => new UsageSample(AudioSeconds: clip.DurationSeconds),
            cancellationToken);
    }
}
