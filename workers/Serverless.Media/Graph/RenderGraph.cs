using Serverless.Contracts.Rendering;
using Serverless.Media.Timeline;

namespace Serverless.Media.Graph;

/// <summary>
/// The ffmpeg filter graph of a render, written to a file and passed with <c>-filter_complex_script</c>.
/// Inputs are the shot stills (input i = shot i), then the voice clips. Only transition frames are blended:
/// each shot's clip is split into head (blended with the previous shot's tail), body and tail, and the
/// pieces are concatenated, so no xfade touches the frames in between (DESIGN section 6).
/// Nothing a user typed appears here: subtitles come from a file named by the renderer.
/// </summary>
public sealed class RenderGraph
{
    public const string VideoOutput = "vout";
    public const string AudioOutput = "aout";

    private RenderGraph(string script) => Script = script;

    public string Script { get; }

    /// <param name="subtitleFile">An ASS file name relative to ffmpeg's working directory, or null for none.</param>
    public static RenderGraph Build(RenderJob job, RenderTimeline timeline, string? subtitleFile, string fontsDirectory)
    {
        var frame = new FrameSize(job.Output.Width, job.Output.Height);
        var fps = timeline.FramesPerSecond;
        var lines = new List<string>();
        var segments = new List<string>();

        foreach (var span in timeline.Shots)
        {
            var shot = job.Shots[span.Index];
            var clip = ShotClipFilter.Build(span.Index, span, shot.Motion, frame, fps);
            var parts = SplitClip(span);
            if (parts.Count == 1)
            {
                lines.Add($"{clip}[{parts[0].Label}]");
            }
            else
            {
                lines.Add($"{clip},split={parts.Count}{string.Concat(parts.Select(p => $"[{p.Label}_in]"))}");
                lines.AddRange(parts.Select(p => $"[{p.Label}_in]{p.Trim}[{p.Label}]"));
            }

            if (span.TransitionInFrames > 0)
            {
                var blend = $"x{span.Index}";
                lines.Add(TransitionFilter.Build(Tail(span.Index - 1), Head(span.Index), shot.TransitionIn, span.TransitionInFrames, fps, blend));
                segments.Add(blend);
            }

            segments.Add(Body(span.Index));
        }

        var video = segments.Count == 1
            ? $"[{segments[0]}]null"
            : $"{string.Concat(segments.Select(s => $"[{s}]"))}concat=n={segments.Count}:v=1:a=0";
        if (subtitleFile is not null)
        {
            video += $",subtitles=filename={FilterPath.Escape(subtitleFile)}:fontsdir={FilterPath.Escape(fontsDirectory)}";
        }

        lines.Add($"{video}[{VideoOutput}]");
        lines.AddRange(VoiceMixFilter.Build(job.Voices, job.Shots.Count, timeline.DurationSeconds, AudioOutput));
        return new RenderGraph(string.Join(";\n", lines) + "\n");
    }

    private static string Head(int shot) => $"s{shot}h";
    private static string Body(int shot) => $"s{shot}b";
    private static string Tail(int shot) => $"s{shot}t";

    private static List<(string Label, string Trim)> SplitClip(ShotSpan span)
    {
        var bodyStart = span.TransitionInFrames;
        var bodyEnd = span.SlotFrames;
        var parts = new List<(string Label, string Trim)>();
        if (span.TransitionInFrames > 0)
        {
            parts.Add((Head(span.Index), $"trim=end_frame={FilterNumber.Format(bodyStart)}"));
        }

        parts.Add((Body(span.Index), parts.Count == 0 && span.TransitionOutFrames == 0
            ? "null"
            : $"trim=start_frame={FilterNumber.Format(bodyStart)}:end_frame={FilterNumber.Format(bodyEnd)},setpts=PTS-STARTPTS"));
        if (span.TransitionOutFrames > 0)
        {
            parts.Add((Tail(span.Index), $"trim=start_frame={FilterNumber.Format(bodyEnd)},setpts=PTS-STARTPTS"));
        }

        return parts;
    }
}
