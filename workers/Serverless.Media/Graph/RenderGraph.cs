using Serverless.Media.Rendering;
using Serverless.Media.Timeline;

namespace Serverless.Media.Graph;

/// <summary>
/// The ffmpeg filter graph of a render, written to a file and passed with <c>-filter_complex_script</c>.
/// Inputs are the shot stills (input i = shot i), then the voice clips. <see cref="MotionFilter"/> makes one
/// stream of all the shots' clips back to back; only transition frames are blended: the stream is cut into each
/// shot's head (blended with the previous shot's tail), body and tail, and the pieces are concatenated, so no
/// xfade touches the frames in between (DESIGN section 6). The timeline rule is <see cref="RenderTimeline"/>'s.
/// Nothing a user typed appears here: subtitles come from a file named by the renderer.
/// </summary>
public sealed class RenderGraph
{
    public const string VideoOutput = "vout";
    public const string AudioOutput = "aout";
    public const string ThumbnailOutput = "thumb";

    private RenderGraph(string script) => Script = script;

    public string Script { get; }

    /// <param name="request">
    /// Its music bed is read from the input after the voices; its image watermark from the input after the music (text
    /// watermarks are in the subtitle file); its sound effects from the inputs after the watermark image.
    /// </param>
    /// <param name="subtitleFile">An ASS file name relative to ffmpeg's working directory, or null for none.</param>
    /// <param name="fontsDirectory">An extra fonts folder for libass, or empty for fontconfig's fonts only.</param>
    /// <param name="thumbnailFrame">A frame of the finished video to emit once more as <see cref="ThumbnailOutput"/>, or null for none.</param>
    public static RenderGraph Build(
        RenderRequest request, RenderTimeline timeline, string? subtitleFile, string fontsDirectory, int? thumbnailFrame = null)
    {
        var (music, watermark, soundEffects) = (request.Music, request.Watermark, request.SoundEffects);
        var frame = new FrameSize(request.Output.Width, request.Output.Height);
        var fps = timeline.FramesPerSecond;
        var lines = new List<string>();
        var segments = new List<string>();

        lines.Add(MotionFilter.Build(request.Shots, timeline, frame, "clips"));
        var clipStarts = new List<int>();
        foreach (var span in timeline.Shots)
        {
            clipStarts.Add(span.Index == 0 ? 0 : clipStarts[^1] + timeline.Shots[span.Index - 1].ClipFrames);
        }

        var pieces = timeline.Shots.SelectMany(s => Pieces(s, clipStarts[s.Index])).ToList();
        lines.Add(pieces.Count == 1
            ? $"[clips]null[{pieces[0].Label}]"
            : $"[clips]split={pieces.Count}{string.Concat(pieces.Select(p => $"[{p.Label}_in]"))}");
        if (pieces.Count > 1)
        {
            lines.AddRange(pieces.Select(p => $"[{p.Label}_in]trim=start_frame={FilterNumber.Format(p.Start)}:end_frame={FilterNumber.Format(p.End)},setpts=PTS-STARTPTS[{p.Label}]"));
        }

        foreach (var span in timeline.Shots)
        {
            if (span.TransitionInFrames > 0)
            {
                var blend = $"x{span.Index}";
                lines.Add(TransitionFilter.Build(Tail(span.Index - 1), Head(span.Index), request.Shots[span.Index].TransitionIn, span.TransitionInFrames, fps, blend));
                segments.Add(blend);
            }

            segments.Add(Body(span.Index));
        }

        var video = segments.Count == 1
            ? $"[{segments[0]}]null"
            : $"{string.Concat(segments.Select(s => $"[{s}]"))}concat=n={segments.Count}:v=1:a=0";
        if (watermark?.ImagePath is not null)
        {
            var input = request.Shots.Count + request.Voices.Count + (music is null ? 0 : 1);
            lines.Add($"{video}[unmarked]");
            lines.Add(WatermarkFilter.Build(input, watermark, frame, "unmarked", "mark", request.Output.SafeArea));
            video = "[mark]null";
        }
        if (subtitleFile is not null)
        {
            video += $",{SubtitlesFilter(subtitleFile, fontsDirectory)}";
        }

        if (thumbnailFrame is int at)
        {
            // The thumbnail is taken from the frames already in hand: a second ffmpeg run seeking into the encoded
            // video cost 0.4 s CPU and a decoder start per render. The explicit scale keeps the JPEG's full-range
            // format off the main branch, so only this one frame is converted.
            lines.Add($"{video},split=2[{VideoOutput}][{ThumbnailOutput}_in]");
            lines.Add($"[{ThumbnailOutput}_in]trim=start_frame={FilterNumber.Format(at)}:end_frame={FilterNumber.Format(at + 1)},scale,format=yuvj420p[{ThumbnailOutput}]");
        }
        else
        {
            lines.Add($"{video}[{VideoOutput}]");
        }

        // Effects are the last inputs: after the voices, the music and the watermark image.
        var firstEffectInput = request.Shots.Count + request.Voices.Count + (music is null ? 0 : 1) + (watermark?.ImagePath is null ? 0 : 1);
        if (request.SoundTrack is not null)
        {
            // The levelled track is the last input, after every effect.
            lines.Add(VoiceMixFilter.Track(firstEffectInput + (soundEffects?.Count ?? 0), timeline.DurationSeconds, AudioOutput));
        }
        else
        {
            lines.AddRange(VoiceMixFilter.Build(request.Voices, request.Shots.Count, timeline.DurationSeconds, music, AudioOutput, soundEffects, firstEffectInput));
        }

        return new RenderGraph(string.Join(";\n", lines) + "\n");
    }

    private static string Head(int shot) => $"s{shot}h";
    private static string Body(int shot) => $"s{shot}b";
    private static string Tail(int shot) => $"s{shot}t";

    /// <summary>
    /// The pieces of one shot's clip, as frame ranges of the stream of all clips: the head blended with the previous
    /// shot's tail, the body shown alone, the tail blended with the next shot's head.
    /// </summary>
    private static IEnumerable<(string Label, int Start, int End)> Pieces(ShotSpan span, int clipStart)
    {
        var bodyStart = clipStart + span.TransitionInFrames;
        var bodyEnd = clipStart + span.SlotFrames;
        if (span.TransitionInFrames > 0)
        {
            yield return (Head(span.Index), clipStart, bodyStart);
        }

        yield return (Body(span.Index), bodyStart, bodyEnd);
        if (span.TransitionOutFrames > 0)
        {
            yield return (Tail(span.Index), bodyEnd, bodyEnd + span.TransitionOutFrames);
        }
    }

    /// <summary>libass burning an ASS file the renderer wrote into the frames.</summary>
    internal static string SubtitlesFilter(string subtitleFile, string? fontsDirectory) =>
        $"subtitles=filename={FilterPath.Escape(subtitleFile)}" + (string.IsNullOrEmpty(fontsDirectory) ? "" : $":fontsdir={FilterPath.Escape(fontsDirectory)}");
}
