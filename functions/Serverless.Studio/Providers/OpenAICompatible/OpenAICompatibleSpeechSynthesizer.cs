using OpenAI.Audio;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Providers.OpenAICompatible;

/// <summary>
/// Speech from a service speaking OpenAI's <c>POST {base_url}/audio/speech</c> (OpenAI, DashScope, local servers) as
/// 16-bit mono WAV, voices cast as for Azure OpenAI. <paramref name="name"/> is the provider's id, shown on the voice.
/// </summary>
public sealed class OpenAICompatibleSpeechSynthesizer(AudioClient audio, string name, AzureOpenAIOptions options) : ISpeechSynthesizer
{
    private const float MinSpeed = 0.25f;
    private const float MaxSpeed = 4.0f;

    public async Task<SpeechClip> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new ArgumentException("Nothing to speak.", nameof(request));
        }

        var voice = AzureOpenAIVoiceCasting.Cast(request, options);
        var speech = await audio.GenerateSpeechAsync(
            request.Text.Trim(),
            new GeneratedSpeechVoice(voice),
            new SpeechGenerationOptions
            {
                ResponseFormat = GeneratedSpeechFormat.Wav,
                SpeedRatio = Math.Clamp((float)EmotionProsody.For(request.Emotion).RateFactor, MinSpeed, MaxSpeed),
            },
            cancellationToken).ConfigureAwait(false);

        // Streamed WAV headers carry placeholder sizes; reading the samples gives the real length and a canonical file.
        var pcm = PcmAudio.FromWav(speech.Value.ToMemory().Span);
        if (pcm.Samples.Length == 0)
        {
            throw new SpeechSynthesisException($"{name} returned an empty clip.");
        }

        return new SpeechClip(pcm.ToWav(), pcm.DurationSeconds, $"{name}:{voice}");
    }
}
