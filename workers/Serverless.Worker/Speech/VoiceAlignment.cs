using Microsoft.Extensions.Options;
using Serverless.Media.Rendering;
using Serverless.Media;
using Serverless.Media.Inference;
using Serverless.Media.Speech;
using Serverless.Worker.Inference;

namespace Serverless.Worker.Speech;

/// <summary>
/// Finds the speech in each downloaded voice clip with Silero VAD and fits the request's voices and cues to it
/// (<see cref="SpeechAlignment"/>). The model comes from <see cref="VadModel"/>.
/// </summary>
public sealed class VoiceAlignment(
    VadModel model,
    MediaOptions media,
    IOptions<SpeechOptions> options,
    ILogger<VoiceAlignment> logger)
{
    public async Task<RenderRequest> AlignAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.TrimSilence || request.Voices.Count == 0)
        {
            return request;
        }

        using var vad = new SileroVad(await model.OpenAsync(cancellationToken), media);
        var speech = new List<IReadOnlyList<SpeechSegment>>(request.Voices.Count);
        foreach (var voice in request.Voices)
        {
            speech.Add(await vad.DetectAsync(voice.Audio, cancellationToken: cancellationToken));
        }

        var (voices, cues) = SpeechAlignment.Align(request.Voices, request.Subtitles, speech);
        for (var k = 0; k < voices.Count; k++)
        {
            logger.LogInformation("Voice {Index}: speech from {From:F2} s to {To:F2} s of the clip ({Segments} segments)",
                k, voices[k].ClipOffset, voices[k].ClipOffset + voices[k].Duration, speech[k].Count);
        }

        return request with { Voices = voices, Subtitles = cues };
    }
}
