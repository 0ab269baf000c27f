using System.Diagnostics;
using System.Text;
using FFMpegCore;
using FFMpegCore.Exceptions;
using Serverless.Media.Graph;
using Serverless.Media.Probing;
using Serverless.Media.Quality;
using Serverless.Media.Subtitles;
using Serverless.Media.Timeline;

namespace Serverless.Media.Rendering;

/// <summary>
/// Renders a job in one ffmpeg run: the graph from <see cref="RenderGraph"/>, libx264 + AAC, faststart MP4, and
/// a JPEG thumbnail from the same frames; then SRT/WebVTT sidecars. The graph and the subtitles go to ffmpeg as files in the work
/// directory, so no text from the job is ever part of a command line or a filter string.
/// </summary>
public sealed class FfmpegVideoRenderer(MediaOptions options, MediaProbe probe) : IVideoRenderer
{
    public const string VideoFile = "video.mp4";
    public const string ThumbnailFile = "video.jpg";
    private const string GraphFile = "graph.txt";
    private const string AssFile = "subtitles.ass";

    public async Task<RenderResult> RenderAsync(RenderRequest request, IProgress<RenderProgress>? progress, CancellationToken cancellationToken)
    {
        var output = request.Output;
        var started = Stopwatch.StartNew();
        EncoderSettings.Validate(output);
        var timeline = RenderTimeline.Plan(request.Shots, output.FramesPerSecond);
        await RequireInputsAsync(request, cancellationToken);

        var work = request.WorkDirectory;
        Directory.CreateDirectory(work);
        if (request.Voices.Count > 0)
        {
            request = request with { Voices = await new VoiceLeveler(options).LevelAsync(request.Voices, cancellationToken) };
        }

        var subtitles = await WriteSubtitlesAsync(request, timeline.DurationSeconds, options.SubtitleFont, cancellationToken);

        // The mix is levelled on its own first (audio only, fast), so the one video run encodes the pictures once.
        LeveledSound? sound = null;
        var encoded = request;
        if (output.Loudness is { } target && SoundLeveler.HasSound(request))
        {
            sound = await new SoundLeveler(options).LevelAsync(request, timeline.DurationSeconds, target, cancellationToken);
            encoded = request with { Voices = [], Music = null, SoundEffects = [], SoundTrack = sound.Path };
        }

        // The first frame: ffmpeg feeds the output that is furthest behind, so a later thumbnail frame held every
        // video frame before it in memory (67 frames at 1080x1920 took the reference render from 611 to 778 MB).
        const int thumbnailFrame = 0;
        var graph = RenderGraph.Build(encoded, timeline, subtitles, options.FontsDirectory, thumbnailFrame);
        await File.WriteAllTextAsync(Path.Combine(work, GraphFile), graph.Script, Utf8, cancellationToken);

        var video = Path.Combine(work, VideoFile);
        var thumbnail = Path.Combine(work, ThumbnailFile);
        File.Delete(thumbnail);
        var total = TimeSpan.FromSeconds(timeline.DurationSeconds);
        await RunAsync(BuildArguments(encoded, options.VideoEncoder, video, total, started, progress), work, cancellationToken);

        if (!File.Exists(thumbnail))
        {
            throw new RenderFailedException($"ffmpeg finished without the thumbnail (frame {thumbnailFrame}).");
        }

        var (srt, vtt) = await WriteSidecarsAsync(request, cancellationToken);
        return new RenderResult(video, thumbnail, srt, vtt, timeline.DurationSeconds, started.Elapsed, sound);
    }

    /// <summary>The SRT and WebVTT sidecars of the request's subtitles in its work directory; none without subtitles.</summary>
    internal static async Task<(string? Srt, string? Vtt)> WriteSidecarsAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        if (request.Subtitles.Count == 0)
        {
            return (null, null);
        }

        var srt = Path.Combine(request.WorkDirectory, "video.srt");
        var vtt = Path.Combine(request.WorkDirectory, "video.vtt");
        await File.WriteAllTextAsync(srt, SrtSubtitleFile.Build(request.Subtitles), Utf8, cancellationToken);
        await File.WriteAllTextAsync(vtt, VttSubtitleFile.Build(request.Subtitles), Utf8, cancellationToken);
        return (srt, vtt);
    }

    /// <summary>The subtitles' layout as burned in: the request's style (or the classic one), kept inside the safe area.</summary>
    /// <summary>
    /// The burned-in subtitles and text watermark as an ASS file in the request's work folder (its name, relative to
    /// that folder), or null when there is neither.
    /// </summary>
    internal static async Task<string?> WriteSubtitlesAsync(RenderRequest request, double durationSeconds, string fontName, CancellationToken cancellationToken)
    {
        var output = request.Output;
        var textMark = string.IsNullOrWhiteSpace(request.Watermark?.Text)
            ? null
            : new AssWatermark(request.Watermark.Text, AssAlignment(request.Watermark.Position), request.Watermark.Opacity, durationSeconds, output.SafeArea);
        if (request.Subtitles.Count == 0 && textMark is null)
        {
            return null;
        }

        var style = SubtitleLayout(request, fontName);
        var ass = AssSubtitleFile.Build(request.Subtitles, output.Width, output.Height, style, textMark);
        await File.WriteAllTextAsync(Path.Combine(request.WorkDirectory, AssFile), ass, Utf8, cancellationToken);
        return AssFile;
    }

    public static SubtitleStyle SubtitleLayout(RenderRequest request, string fontName)
    {
        var output = request.Output;
        var style = (request.SubtitleStyle ?? SubtitleStyle.For(output.Width, output.Height)) with { FontName = fontName };
        return SafeLayout.Inside(style, output.Width, output.Height, output.SafeArea);
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private async Task RequireInputsAsync(RenderRequest request, CancellationToken cancellationToken)
    {
        var checks = new List<Task>();
        for (var i = 0; i < request.Shots.Count; i++)
        {
            var shot = request.Shots[i];
            checks.Add(probe.RequireAsync(shot.Image, needsVideo: true, needsAudio: false, $"Shot {i} image {shot.Source ?? shot.Image}", cancellationToken));
        }

        for (var k = 0; k < request.Voices.Count; k++)
        {
            var voice = request.Voices[k];
            checks.Add(probe.RequireAsync(voice.Audio, needsVideo: false, needsAudio: true, $"Voice {k} clip {voice.Source ?? voice.Audio}", cancellationToken));
        }

        if (request.Music is not null)
        {
            checks.Add(probe.RequireAsync(request.Music.Path, needsVideo: false, needsAudio: true, "The music track", cancellationToken));
        }

        if (request.Watermark?.ImagePath is not null)
        {
            checks.Add(probe.RequireAsync(request.Watermark.ImagePath, needsVideo: true, needsAudio: false, "The watermark image", cancellationToken));
        }

        var effects = request.SoundEffects ?? [];
        for (var k = 0; k < effects.Count; k++)
        {
            checks.Add(probe.RequireAsync(effects[k].Path, needsVideo: false, needsAudio: true, $"Sound effect {k}", cancellationToken));
        }

        await Task.WhenAll(checks);
    }

    private static FFMpegArgumentProcessor BuildArguments(
        RenderRequest request, string videoEncoder, string video, TimeSpan total, Stopwatch started, IProgress<RenderProgress>? progress)
    {
        var fps = FilterNumber.Format(request.Output.FramesPerSecond);
        FFMpegArguments? arguments = null;
        foreach (var image in request.Shots.Select(s => s.Image))
        {
            // One decoded frame per still, at the output's frame rate, so every clip shares one time base.
            arguments = arguments is null
                ? FFMpegArguments.FromFileInput(image, verifyExists: true, o => o.WithCustomArgument($"-framerate {fps}"))
                : arguments.AddFileInput(image, verifyExists: true, o => o.WithCustomArgument($"-framerate {fps}"));
        }

        foreach (var clip in request.Voices.Select(v => v.Audio))
        {
            arguments = arguments!.AddFileInput(clip, verifyExists: true);
        }

        if (request.Music is not null)
        {
            // Looped by the demuxer, so a short bed fills any video; the graph cuts it to length.
            arguments = arguments!.AddFileInput(request.Music.Path, verifyExists: true, o => o.WithCustomArgument("-stream_loop -1"));
        }

        if (request.Watermark?.ImagePath is not null)
        {
            arguments = arguments!.AddFileInput(request.Watermark.ImagePath, verifyExists: true);
        }

        foreach (var effect in request.SoundEffects ?? [])
        {
            arguments = arguments!.AddFileInput(effect.Path, verifyExists: true);
        }

        if (request.SoundTrack is not null)
        {
            arguments = arguments!.AddFileInput(request.SoundTrack, verifyExists: true);
        }

        return arguments!
            .OutputToFile(video, overwrite: true, o => o
                // Two outputs of one run: the thumbnail first (its own options, then its name), then the video,
                // whose name FFMpegCore appends last.
                .WithCustomArgument($"-filter_complex_script {GraphFile} -map [{RenderGraph.ThumbnailOutput}] -frames:v 1 -update 1 -q:v 3 {ThumbnailFile}")
                .WithCustomArgument($"-map [{RenderGraph.VideoOutput}] -map [{RenderGraph.AudioOutput}]")
                .WithCustomArgument(EncoderSettings.Arguments(request.Output, videoEncoder)))
            .NotifyOnProgress(position =>
            {
                var fraction = total > TimeSpan.Zero ? Math.Clamp(position / total, 0, 1) : 0;
                TimeSpan? remaining = fraction > 0.02 ? started.Elapsed * ((1 - fraction) / fraction) : null;
                progress?.Report(new RenderProgress(fraction * 100, position, remaining));
            });
    }

    private async Task RunAsync(FFMpegArgumentProcessor processor, string workDirectory, CancellationToken cancellationToken)
    {
        try
        {
            await processor.ProcessAsynchronously(throwOnError: true, FfmpegRun.Options(options, workDirectory), cancellationToken);
        }
        catch (FFMpegException exception)
        {
            throw new RenderFailedException($"ffmpeg failed: {Tail(exception)}", exception);
        }
    }

    private static int AssAlignment(WatermarkPosition position) => position switch
    {
        WatermarkPosition.TopLeft => 7,
        WatermarkPosition.BottomLeft => 1,
        WatermarkPosition.BottomRight => 3,
        _ => 9,
    };

    private static string Tail(FFMpegException exception)
    {
        var lines = exception is FFMpegProcessException process ? process.Result.StandardError : [];
        return lines.Count > 0 ? string.Join(" | ", lines.TakeLast(6)) : exception.Message;
    }
}
