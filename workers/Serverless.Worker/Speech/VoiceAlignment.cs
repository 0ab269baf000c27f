using Microsoft.Extensions.Options;
using Serverless.Media.Rendering;
using Serverless.Media;
using Serverless.Media.Inference;
using Serverless.Media.Speech;
using Serverless.Worker.Inference;

namespace Serverless.Worker.Speech;

/// <summary>
/// Finds the speech in each downloaded voice clip with Silero VAD and fits the request's voices and cues to it
/// (<see cref="SpeechAlignment"/>). The model is loaded through the <see cref="ModelCatalog"/>, once per worker, from
/// a local file (Speech:VadModelPath) or by name from the models container.
/// </summary>
public sealed class VoiceAlignment(
    ModelCatalog catalog,
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

        using var vad = new SileroVad(await ModelAsync(cancellationToken), media);
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

    private async Task<ModelSessionPool> ModelAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrEmpty(settings.VadModelPath))
        {
            return await catalog.OpenFileAsync(settings.VadModel, settings.VadModelPath, SileroVad.Shape, cancellationToken);
        }

        try
        {
            return await catalog.OpenAsync(settings.VadModel, cancellationToken);
        }
        catch (ModelRejectedException exception)
        {
            // The worker's own setup is wrong, not the job's input: retry (and alert) rather than fail the render.
            throw new InvalidOperationException($"The VAD model cannot be loaded ({exception.Message}); upload it, or set Speech:VadModelPath.", exception);
        }
    }
}
