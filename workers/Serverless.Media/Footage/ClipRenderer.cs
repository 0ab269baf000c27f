using System.Diagnostics;
using System.Globalization;
using System.Text;
using Serverless.Media.Graph;
using Serverless.Media.Probing;
using Serverless.Media.Quality;
using Serverless.Media.Rendering;

namespace Serverless.Media.Footage;

/// <summary>
/// Cuts one clip out of a footage and finishes it like any render: the span with short fades, framed to the output's
/// shape (<see cref="ClipFraming"/>, planned from the span's own motion), optional intro and outro cards, captions from
/// the words and a watermark through the renderer's own subtitle and watermark code, and the sound levelled to the
/// target by <see cref="SoundLeveler"/> before the one video encode.
/// </summary>
public sealed class ClipRenderer(MediaOptions options, MediaProbe probe)
{
    public const double FadeSeconds = 0.2;
    public const double CardSeconds = 1.6;
    public const string VideoFile = "clip.mp4";
    public const string ThumbnailFile = "clip.jpg";
    private const string GraphFile = "clip-graph.txt";
    private const string ClipSoundFile = "clip-sound.wav";
    private const string MotionFile = "clip-motion.gray";

    /// <summary>The card's ground: a muted blue, bright enough that the black-frame check does not take it for a gap.</summary>
    private const string CardColour = "0x2a3a5a";

    /// <summary>Frame width at which the span's motion is measured for framing.</summary>
    private const int MotionWidth = 192;

    public async Task<ClipResult> RenderAsync(ClipRequest request, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        var output = request.Output;
        EncoderSettings.Validate(output);
        var target = output.Loudness ?? throw new InvalidRenderJobException("A clip needs a loudness target.");
        var info = await probe.RequireAsync(request.Source, needsVideo: true, needsAudio: true, "The footage", cancellationToken);
        var fps = output.FramesPerSecond;
        var start = Math.Max(0, request.Start);
        var end = Math.Min(request.End, info.Duration.TotalSeconds);
        if (!(end - start >= 1))
        {
            throw new InvalidRenderJobException(FormattableString.Invariant(
                $"The clip {request.Start:0.###}-{request.End:0.###} s holds less than a second of the {info.Duration.TotalSeconds:0.###} s footage."));
        }

        var work = request.WorkDirectory;
        Directory.CreateDirectory(work);
        var frames = (int)Math.Round((end - start) * fps);
        var length = (double)frames / fps;
        var intro = string.IsNullOrWhiteSpace(request.IntroText) ? 0 : CardSeconds;
        var outro = string.IsNullOrWhiteSpace(request.OutroText) ? 0 : CardSeconds;
        var frame = new FrameSize(output.Width, output.Height);

        var framing = await PlanFramingAsync(request.Source, start, length, info, frame, work, cancellationToken);
        var asRender = AsRender(request, length, intro, outro, work);
        var total = intro + length + outro;
        var sound = await LevelSoundAsync(request.Source, start, length, asRender, total, target, work, cancellationToken);
        var subtitles = await FfmpegVideoRenderer.WriteSubtitlesAsync(asRender, total, options.SubtitleFont, cancellationToken);

        var graph = Graph(request, framing, info, frame, frames, intro, outro, subtitles);
        await File.WriteAllTextAsync(Path.Combine(work, GraphFile), graph, new UTF8Encoding(false), cancellationToken);
        var arguments = new List<string>
        {
            "-hide_banner", "-nostats", "-y", "-ss", Seconds(start), "-t", Seconds(length + 0.5), "-i", request.Source, "-i", sound.Path,
        };
        if (request.Watermark?.ImagePath is { } mark)
        {
            arguments.AddRange(["-i", mark]);
        }

        arguments.AddRange(["-filter_complex_script", GraphFile, "-map", "[out]", "-map", "1:a"]);
        arguments.AddRange(EncoderSettings.Arguments(output, options.VideoEncoder).Split(' ', StringSplitOptions.RemoveEmptyEntries));
        arguments.AddRange(["-t", Seconds(total), VideoFile]);
        await FfmpegProcess.RunAsync(options, "ffmpeg", arguments, work, cancellationToken);
        await FfmpegProcess.RunAsync(options, "ffmpeg",
            ["-hide_banner", "-nostats", "-y", "-ss", Seconds(intro + (length / 3)), "-i", VideoFile, "-frames:v", "1", "-q:v", "3", ThumbnailFile],
            work, cancellationToken);

        var result = new RenderResult(Path.Combine(work, VideoFile), Path.Combine(work, ThumbnailFile), null, null, total, started.Elapsed, sound);
        return new ClipResult(result, asRender, framing);
    }

    /// <summary>The span's motion at <see cref="MotionWidth"/> px and 5 fps, decoded once and planned into a framing.</summary>
    private async Task<ClipFraming> PlanFramingAsync(string source, double start, double length, MediaInfo info, FrameSize frame, string work, CancellationToken cancellationToken)
    {
        var motion = new MotionFrames(MotionWidth, Math.Max(2, FrameSize.Even(MotionWidth * (double)info.Height / info.Width)), 5);
        var probeOnly = ClipFraming.Plan([], 1, info.Width, info.Height, frame);
        if (probeOnly.Kind != ClipFramingKind.Crop)
        {
            return probeOnly;
        }

        await FfmpegProcess.RunAsync(options, "ffmpeg",
            ["-hide_banner", "-nostats", "-y", "-ss", Seconds(start), "-t", Seconds(length), "-i", source, "-an", "-vf", motion.Filter, "-f", "rawvideo", MotionFile],
            work, cancellationToken);
        var framing = ClipFraming.Plan(motion.Differences(Path.Combine(work, MotionFile)), (int)Math.Ceiling(length), info.Width, info.Height, frame);
        File.Delete(Path.Combine(work, MotionFile));
        return framing;
    }

    /// <summary>The clip as the renderer's request: still cards around the footage, the clip's sound as its one voice, its captions.</summary>
    private static RenderRequest AsRender(ClipRequest request, double length, double intro, double outro, string work)
    {
        var shots = new List<ShotClip>();
        var cues = new List<Subtitles.SubtitleCue>();
        if (intro > 0)
        {
            shots.Add(new ShotClip { Image = request.Source, Duration = intro, Motion = CameraMotion.Still });
            cues.Add(new Subtitles.SubtitleCue(0, intro, request.IntroText!.Trim()));
        }

        shots.Add(new ShotClip { Image = request.Source, Duration = length, Motion = CameraMotion.ZoomIn });
        cues.AddRange(ClipCaptions.Cues(request.Words, request.Start, request.Start + length, intro));
        if (outro > 0)
        {
            shots.Add(new ShotClip { Image = request.Source, Duration = outro, Motion = CameraMotion.Still });
            cues.Add(new Subtitles.SubtitleCue(intro + length, intro + length + outro, request.OutroText!.Trim()));
        }

        return new RenderRequest(request.Output, shots, [new VoiceClip(Path.Combine(work, ClipSoundFile), intro, length)], work, Watermark: request.Watermark, SubtitleStyle: request.SubtitleStyle)
        {
            Subtitles = cues,
        };
    }

    /// <summary>The span's sound with short fades, placed after the intro and levelled over the whole clip.</summary>
    private async Task<LeveledSound> LevelSoundAsync(
        string source, double start, double length, RenderRequest asRender, double total, LoudnessTarget target, string work, CancellationToken cancellationToken)
    {
        await FfmpegProcess.RunAsync(options, "ffmpeg",
            ["-hide_banner", "-nostats", "-y", "-ss", Seconds(start), "-t", Seconds(length), "-i", source, "-vn", "-map", "0:a:0",
             "-af", $"afade=t=in:d={Seconds(FadeSeconds)},afade=t=out:st={Seconds(length - FadeSeconds)}:d={Seconds(FadeSeconds)}",
             "-ar", FilterNumber.Format(VoiceMixFilter.SampleRate), "-ac", "2", "-c:a", "pcm_f32le", ClipSoundFile],
            work, cancellationToken);
        return await new SoundLeveler(options).LevelAsync(asRender, total, target, cancellationToken);
    }

    private string Graph(ClipRequest request, ClipFraming framing, MediaInfo info, FrameSize frame, int frames, double intro, double outro, string? subtitles)
    {
        var fps = FilterNumber.Format(request.Output.FramesPerSecond);
        var length = (double)frames / request.Output.FramesPerSecond;
        var lines = new List<string>
        {
            // Exactly the planned frames: a short source end is held on its last frame rather than ending early.
            $"[0:v]setpts=PTS-STARTPTS,fps={fps},tpad=stop_mode=clone:stop_duration=1,trim=end_frame={FilterNumber.Format(frames)}[span]",
            framing.Filter("span", "framed", info.Width, info.Height, frame),
            $"[framed]setsar=1,format=yuv420p,fade=t=in:d={Seconds(FadeSeconds)},fade=t=out:st={Seconds(length - FadeSeconds)}:d={Seconds(FadeSeconds)}[clip]",
        };
        var parts = new List<string>();
        if (intro > 0)
        {
            lines.Add(Card("intro", intro, frame, fps));
            parts.Add("[intro]");
        }

        parts.Add("[clip]");
        if (outro > 0)
        {
            lines.Add(Card("outro", outro, frame, fps));
            parts.Add("[outro]");
        }

        var video = parts.Count == 1 ? "[clip]null" : $"{string.Concat(parts)}concat=n={parts.Count}:v=1:a=0";
        if (request.Watermark?.ImagePath is not null)
        {
            lines.Add($"{video}[unmarked]");
            lines.Add(WatermarkFilter.Build(2, request.Watermark, frame, "unmarked", "mark", request.Output.SafeArea));
            video = "[mark]null";
        }

        if (subtitles is not null)
        {
            video += $",{RenderGraph.SubtitlesFilter(subtitles, options.FontsDirectory)}";
        }

        lines.Add($"{video}[out]");
        return string.Join(";\n", lines) + "\n";
    }

    private static string Card(string label, double seconds, FrameSize frame, string fps) =>
        $"color=c={CardColour}:s={frame}:r={fps}:d={Seconds(seconds)},setsar=1,format=yuv420p[{label}]";

    private static string Seconds(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);
}
