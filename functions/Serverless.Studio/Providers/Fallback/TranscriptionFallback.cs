using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Providers.Usage;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>
/// Speech recognition of one piece of sound on the operator's Azure OpenAI transcription deployment, when configured,
/// through its circuit and timeout, metered and billed in audio seconds. The offline side is the worker's own transcript
/// (pocketsphinx, or the voice detector alone), which the caller already holds: it answers <see cref="HeardSpeech.Unheard"/>.
/// </summary>
public sealed class TranscriptionFallback(AzureOpenAITranscriber? cloud, ProviderFallback fallback)
{
    public bool Configured => cloud is not null;

    public Task<Provided<HeardSpeech>> TranscribeAsync(BinaryData wav, double seconds, string? language, CancellationToken cancellationToken = default) =>
        fallback.ExecuteAsync(
            cloud is null ? null : token => cloud.TranscribeAsync(wav, language, token),
            _ => Task.FromResult(HeardSpeech.Unheard),
            heard => new UsageSample(AudioSeconds: ReferenceEquals(heard, HeardSpeech.Unheard) ? 0 : seconds),
            cancellationToken);
}
