using FFMpegCore;
using FFMpegCore.Exceptions;
using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Rendering;

namespace Serverless.Worker.Jobs;

/// <summary>
/// The ffmpeg work around a render that the job asks for beyond the renderer's request: a music track that plays once,
/// and the container the video is delivered in. The request itself is <see cref="RenderRequestMapping"/>'s.
/// </summary>
public sealed class JobLook(MediaOptions media)
{
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
