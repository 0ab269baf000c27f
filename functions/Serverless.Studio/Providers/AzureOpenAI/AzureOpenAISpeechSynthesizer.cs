using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Nodes;
using OpenAI.Audio;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>
/// Speech from an Azure OpenAI TTS deployment as 16-bit mono WAV. Azure.AI.OpenAI 2.1.0 (GA) refuses speech calls
/// ("not supported using this GA library version") and its typed options have no <c>instructions</c>, which is how
/// the emotion reaches the voice; so the request is written here and sent through the audio client's own pipeline,
/// which keeps its authentication (key or Entra ID) and retries, to the preview API version that serves TTS.
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

        using var message = audio.Pipeline.CreateMessage();
        message.Request.Method = "POST";
        message.Request.Uri = SpeechUri();
        message.Request.Headers.Set("Content-Type", "application/json");
        message.Request.Headers.Set("Accept", "audio/wav");
        message.Request.Content = BinaryContent.Create(BinaryData.FromString(body.ToJsonString()));
        message.Apply(new RequestOptions { CancellationToken = cancellationToken });
        await audio.Pipeline.SendAsync(message).ConfigureAwait(false);
        var response = message.Response ?? throw new InvalidOperationException("The speech call returned no response.");
        if (response.IsError)
        {
            throw new ClientResultException(response);
        }

        var wav = response.Content;

        // Streamed WAV headers carry placeholder sizes; reading the samples gives the real length and a canonical file.
        var pcm = PcmAudio.FromWav(wav.ToMemory().Span);
        if (pcm.Samples.Length == 0)
        {
            throw new SpeechSynthesisException("Azure OpenAI returned an empty clip.");
        }

        return new SpeechClip(pcm.ToWav(), pcm.DurationSeconds, $"{Fallback.ProviderNames.AzureOpenAI}:{voice}");
    }

    private Uri SpeechUri()
    {
        var endpoint = options.EndpointUri ?? throw new InvalidOperationException("AzureOpenAI:Endpoint is not set.");
        var baseUri = endpoint.AbsoluteUri.EndsWith('/') ? endpoint : new Uri(endpoint.AbsoluteUri + "/");
        return new Uri(baseUri, $"openai/deployments/{Uri.EscapeDataString(options.SpeechDeployment ?? "")}/audio/speech?api-version={Uri.EscapeDataString(options.SpeechApiVersion)}");
    }
}
