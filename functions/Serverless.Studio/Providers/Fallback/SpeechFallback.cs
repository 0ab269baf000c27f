using Serverless.Studio.Providers.Records;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>
/// Speech from the current user's own providers by priority, then Azure OpenAI TTS when configured and healthy,
/// then espeak-ng/festival.
/// </summary>
public sealed class SpeechFallback(ISpeechSynthesizer offline, ISpeechSynthesizer? cloud, ProviderFallback fallback, UserProviderCalls? users = null) : ISpeechSynthesizer
{
    public async Task<SpeechClip> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken = default) =>
        (await SynthesizeProvidedAsync(request, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>The clip and which provider spoke it.</summary>
    public async Task<Provided<SpeechClip>> SynthesizeProvidedAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = UsageAttribution.CurrentUser;
        var candidates = users is null || user == UsageAttribution.Anonymous
            ? []
            : (await users.SpeechAsync(user, request, cancellationToken).ConfigureAwait(false)).ToList();
        if (cloud is not null)
        {
            candidates.Add(fallback.AzureOpenAI(token => cloud.SynthesizeAsync(request, token)));
        }

        return await fallback.ExecuteAsync(
            candidates,
            token => offline.SynthesizeAsync(request, token),
            clip => new UsageSample(AudioSeconds: clip.DurationSeconds),
            cancellationToken).ConfigureAwait(false);
    }
}
