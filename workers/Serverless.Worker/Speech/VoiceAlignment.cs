using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Speech;
using Serverless.Worker.Configuration;
using Serverless.Worker.Storage;

namespace Serverless.Worker.Speech;

/// <summary>
/// Finds the speech in each downloaded voice clip with Silero VAD and fits the job's voices and cues to it
/// (<see cref="SpeechAlignment"/>). The model is loaded once per worker, from a local file or the models container.
/// </summary>
public sealed class VoiceAlignment(
    IBlobStore blobs,
    MediaOptions media,
    IOptions<SpeechOptions> options,
    IOptions<WorkerOptions> worker,
    ILogger<VoiceAlignment> logger) : IDisposable
{
    private readonly SemaphoreSlim _load = new(1, 1);
    private SileroVad? _vad;

    public async Task<RenderJob> AlignAsync(RenderJob job, IReadOnlyList<string> voiceClips, CancellationToken cancellationToken)
    {
        if (!options.Value.TrimSilence || job.Voices.Count == 0)
        {
            return job;
        }

        var vad = await VadAsync(cancellationToken);
        var speech = new List<IReadOnlyList<SpeechSegment>>(voiceClips.Count);
        foreach (var clip in voiceClips)
        {
            speech.Add(await vad.DetectAsync(clip, cancellationToken: cancellationToken));
        }

        var (voices, cues) = SpeechAlignment.Align(job.Voices, job.Subtitles, speech);
        for (var k = 0; k < voices.Count; k++)
        {
            logger.LogInformation("Voice {Index}: speech from {From:F2} s to {To:F2} s of the clip ({Segments} segments)",
                k, voices[k].ClipOffset, voices[k].ClipOffset + voices[k].Duration, speech[k].Count);
        }

        return job with { Voices = voices, Subtitles = cues };
    }

    private async Task<SileroVad> VadAsync(CancellationToken cancellationToken)
    {
        if (_vad is { } loaded)
        {
            return loaded;
        }

        await _load.WaitAsync(cancellationToken);
        try
        {
            _vad ??= new SileroVad(await ModelPathAsync(cancellationToken), media);
            return _vad;
        }
        finally
        {
            _load.Release();
        }
    }

    private async Task<string> ModelPathAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!string.IsNullOrEmpty(settings.VadModelPath))
        {
            return settings.VadModelPath;
        }

        var folder = Path.Combine(worker.Value.ResolvedTempRoot, "models");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, Path.GetFileName(settings.VadModel));
        if (!File.Exists(path))
        {
            var partial = path + $".{Guid.NewGuid():N}.part";
            try
            {
                await blobs.DownloadToFileAsync(new BlobRef(settings.ModelsContainer, settings.VadModel), partial, cancellationToken);
            }
            catch (InvalidRenderJobException exception)
            {
                // The worker's own setup is missing, not the job's input: retry rather than fail the job.
                throw new InvalidOperationException($"The VAD model {settings.ModelsContainer}/{settings.VadModel} is not in blob storage (upload it, or set Speech:VadModelPath).", exception);
            }

            File.Move(partial, path, overwrite: true);
            logger.LogInformation("Fetched the VAD model {Model} from container {Container}", settings.VadModel, settings.ModelsContainer);
        }

        return path;
    }

    public void Dispose()
    {
        _vad?.Dispose();
        _load.Dispose();
    }
}
