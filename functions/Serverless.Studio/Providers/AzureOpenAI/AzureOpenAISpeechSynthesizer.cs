using System.ClientModel;
using System.Text.Json.Nodes;
using OpenAI.Audio;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>
/// Speech from an Azure OpenAI TTS deployment as 16-bit mono WAV. The request body is written here (protocol method)
/// because the typed options of OpenAI 2.1.0 have no <c>instructions</c>, which is how the emotion reaches the voice.
/// </summary>
public sealed class AzureOpenAISpeechSynthesizer(AudioClient audio, AzureOpenAIOptions options) : ISpeechSynthesizer
{
    private const double MinSpeed = 0.25;
    private const double MaxSpeed = 4.0;

    public async Task<SpeechClip> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            throw new ArgumentException("Nothing to speak.", nameof(request));
        }

        var voice = AzureOpenAIVoiceCasting.Cast(request, options);
        var body = new JsonObject
        {
            ["model"] = options.SpeechDeployment,
            ["input"] = request.Text.Trim(),
            ["voice"] = voice,
            ["response_format"] = "wav",

            // tts-1 ignores instructions, so the emotion's pace is also carried by the speed.
            ["speed"] = Math.Clamp(EmotionProsody.For(request.Emotion).RateFactor, MinSpeed, MaxSpeed),
        };
        if (options.SpeechInstructions && AzureOpenAIVoiceCasting.Instructions(request) is { } instructions)
        {
            body["instructions"] = instructions;
        }

        var result = await audio.GenerateSpeechAsync(BinaryContent.Create(BinaryData.FromString(body.ToJsonString())), new() { CancellationToken = cancellationToken })
            .ConfigureAwait(false);
        var wav = result.GetRawResponse().Content;

        // Streamed WAV headers carry placeholder sizes; reading the samples gives the real length and a canonical file.
        var pcm = PcmAudio.FromWav(wav.ToMemory().Span);
        if (pcm.Samples.Length == 0)
        {
            throw new SpeechSynthesisException("Azure OpenAI returned an empty clip.");
        }

        return new SpeechClip(pcm.ToWav(), pcm.DurationSeconds, $"{Fallback.ProviderNames.AzureOpenAI}:{voice}");
    }
}
