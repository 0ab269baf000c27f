using FFMpegCore;
using FFMpegCore.Exceptions;
using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Rendering;
using Serverless.Media.Subtitles;

namespace Serverless.Worker.Jobs;

/// <summary>
/// How a job wants its video to look and sound beyond shots and voices (music, watermark, subtitle style, container),
/// turned into the media layer's request types once its files are local.
/// </summary>
public sealed class JobLook(MediaOptions media)
{
    /// <summary>
    /// The request for the renderer; <paramref name="music"/>, <paramref name="watermarkImage"/> and
    /// <paramref name="soundEffects"/> (one per <see cref="RenderJob.SoundEffects"/>) are the local copies of the job's blobs.
    /// </summary>
    public static RenderRequest Request(
        RenderJob job, IReadOnlyList<string> shots, IReadOnlyList<string> voices, string work, string? music, string? watermarkImage,
        IReadOnlyList<string>? soundEffects = null) =>
        new(job, shots, voices, work,
            Music: job.Music is { } bed && music is not null ? Bed(bed, music) : null,
            Watermark: Mark(job.Watermark, watermarkImage),
            SubtitleStyle: SubtitleStyle.For(job.Output.Width, job.Output.Height, job.SubtitleStyle),
            SoundEffects: Effects(job, soundEffects ?? []));

    /// <summary>
    /// Refuses effects the renderer cannot place: too many, or a start, volume or length outside the video or the
    /// bounds of <see cref="RenderSoundEffect"/>. Checked before anything is downloaded.
    /// </summary>
    public static void CheckSoundEffects(RenderJob job)
    {
        if (job.SoundEffects.Count > RenderSoundEffect.MaxCount)
        {
            throw new InvalidRenderJobException($"The job has {job.SoundEffects.Count} sound effects; at most {RenderSoundEffect.MaxCount} are allowed.");
        }

        // The timeline rule: the video lasts the sum of its shots; transitions overlap inside it.
        var videoSeconds = job.Shots.Sum(s => s.Duration);
        for (var k = 0; k < job.SoundEffects.Count; k++)
        {
            var effect = job.SoundEffects[k];
            if (!double.IsFinite(effect.Start) || effect.Start < 0 || effect.Start >= videoSeconds)
            {
                throw new InvalidRenderJobException($"Sound effect {k} starts at {effect.Start} s, outside the video's {videoSeconds:F2} s.");
            }

            if (!double.IsFinite(effect.Volume) || effect.Volume < 0 || effect.Volume > RenderSoundEffect.MaxVolume)
            {
                throw new InvalidRenderJobException($"Sound effect {k} has volume {effect.Volume}; it must be between 0 and {RenderSoundEffect.MaxVolume}.");
            }

            if (effect.MaxDurationSeconds is { } max && (!double.IsFinite(max) || max <= 0 || max > RenderSoundEffect.MaxSeconds))
            {
                throw new InvalidRenderJobException($"Sound effect {k} may play {max} s; it must be above 0 and at most {RenderSoundEffect.MaxSeconds} s.");
            }
        }
    }

    private static IReadOnlyList<SoundEffectClip> Effects(RenderJob job, IReadOnlyList<string> paths)
    {
        CheckSoundEffects(job);
        if (paths.Count != job.SoundEffects.Count)
        {
            throw new ArgumentException("The request needs one local file per sound effect.", nameof(paths));
        }

        return job.SoundEffects.Select((e, k) => new SoundEffectClip(paths[k], e.Start, e.Volume, e.MaxDurationSeconds)).ToList();
    }

    public static MusicBed Bed(RenderMusic music, string path) => new(
        path,
        Math.Clamp(music.Volume, 0, RenderMusic.MaxVolume),
        Math.Clamp(music.FadeInSeconds, 0, RenderMusic.MaxFadeSeconds),
        Math.Clamp(music.FadeOutSeconds, 0, RenderMusic.MaxFadeSeconds),
        music.DuckUnderSpeech);

    public static Watermark? Mark(RenderWatermark? mark, string? imagePath)
    {
        if (mark is null || (string.IsNullOrWhiteSpace(mark.Text) && imagePath is null))
        {
            return null;
        }

        var text = string.IsNullOrWhiteSpace(mark.Text) ? null : mark.Text.Trim();
        if (text is { Length: > RenderWatermark.MaxTextLength })
        {
            throw new InvalidRenderJobException($"The watermark text is longer than {RenderWatermark.MaxTextLength} characters.");
        }

        var position = mark.Position switch
        {
            WatermarkCorner.TopLeft => WatermarkPosition.TopLeft,
            WatermarkCorner.BottomLeft => WatermarkPosition.BottomLeft,
            WatermarkCorner.BottomRight => WatermarkPosition.BottomRight,
            _ => WatermarkPosition.TopRight,
        };
        return new Watermark(text, imagePath, position, Math.Clamp(mark.Opacity, 0.05, 1));
    }

    /// <summary>The longest the job's video can be: every shot plus every transition's overlap.</summary>
    public static double MaxDurationSeconds(RenderJob job) => job.Shots.Sum(s => s.Duration + Math.Max(0, s.TransitionDuration));

    /// <summary>
    /// A track that plays once: padded with silence past the video's end, so the renderer's looping input never
    /// reaches a second pass.
    /// </summary>
    public async Task<string> PlayOnceAsync(string track, double videoSeconds, string work, CancellationToken cancellationToken)
    {
        var padded = Path.Combine(work, "music-once.wav");
        await RunAsync(
            FFMpegArguments.FromFileInput(track, verifyExists: true)
                .OutputToFile(padded, overwrite: true, o => o
                    .WithCustomArgument($"-vn -af apad -t {(videoSeconds + 1).ToString("F3", System.Globalization.CultureInfo.InvariantCulture)} -c:a pcm_s16le")),
            work,
            cancellationToken);
        return padded;
    }

    /// <summary>The same streams in a QuickTime file: no re-encode.</summary>
    public async Task<string> ToMovAsync(string mp4, string work, CancellationToken cancellationToken)
    {
        var mov = Path.ChangeExtension(mp4, ".mov");
        await RunAsync(
            FFMpegArguments.FromFileInput(mp4, verifyExists: true)
                .OutputToFile(mov, overwrite: true, o => o.WithCustomArgument("-map 0 -c copy -f mov -movflags +faststart")),
            work,
            cancellationToken);
        return mov;
    }

    public static string ContentType(VideoContainer format) => format == VideoContainer.Mov ? "video/quicktime" : "video/mp4";

    private async Task RunAsync(FFMpegArgumentProcessor processor, string work, CancellationToken cancellationToken)
    {
        try
        {
            await processor.ProcessAsynchronously(
                throwOnError: true,
                new FFOptions { BinaryFolder = media.FfmpegFolder, WorkingDirectory = work, TemporaryFilesFolder = work },
                cancellationToken);
        }
        catch (FFMpegException exception)
        {
            throw new RenderFailedException($"ffmpeg failed: {exception.Message}", exception);
        }
    }
}
