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
    public Task<Provided<SpeechClip>> SynthesizeProvidedAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return fallback.ExecuteAsync(
            users is null ? null : (user, token) => users.SpeechAsync(user, request, token),
            cloud is null ? null : token => cloud.SynthesizeAsync(request, token),
            token => offline.SynthesizeAsync(request, token),
            clip => new UsageSample(AudioSeconds: clip.DurationSeconds, Characters: SpokenCharacters(request.Text)),
            new UsageSample(Characters: SpokenCharacters(request.Text)),
            cancellationToken);
    }

    /// <summary>What speech is priced by: the characters of the line as it is sent.</summary>
    public static int SpokenCharacters(string text) => text.Trim().Length;
}
