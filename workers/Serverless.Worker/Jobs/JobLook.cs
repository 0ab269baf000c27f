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
    /// <summary>The request for the renderer; <paramref name="music"/> and <paramref name="watermarkImage"/> are the local copies of the job's blobs.</summary>
    public static RenderRequest Request(
        RenderJob job, IReadOnlyList<string> shots, IReadOnlyList<string> voices, string work, string? music, string? watermarkImage) =>
        new(job, shots, voices, work,
            Music: job.Music is { } bed && music is not null ? Bed(bed, music) : null,
            Watermark: Mark(job.Watermark, watermarkImage),
            SubtitleStyle: SubtitleStyle.For(job.Output.Width, job.Output.Height, job.SubtitleStyle));

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
