using Serverless.Media.Rendering;
using Serverless.Media.Timeline;

namespace Serverless.Media.Graph;

/// <summary>
/// One filter chain that turns every still into its moving clip, back to back in a single stream.
/// Each still is decoded once and scaled once to <see cref="FrameSize.MotionHeadroom"/> times the frame, in yuv420p;
/// the stills are concatenated as one frame each and a single zoompan emits each shot's clip from its frame
/// (d = the clip's frame count, chosen per input frame with <c>in</c>). One chain instead of one per shot matters
/// for memory: every filter keeps a pool of the frames it ever had in flight, and per-shot chains multiplied
/// those pools by the number of shots (about 40 MB a shot at 1080x1920).
/// </summary>
internal static class MotionFilter
{
    public static string Build(IReadOnlyList<ShotClip> shots, RenderTimeline timeline, FrameSize frame, string output)
    {
        var big = frame.WithHeadroom();
        var lines = new List<string>();
        foreach (var span in timeline.Shots)
        {
            lines.Add($"[{span.Index}:v]scale={big.Width}:{big.Height}:force_original_aspect_ratio=increase,crop={big.Width}:{big.Height},format=yuv420p,setsar=1[still{span.Index}]");
        }

        var stills = timeline.Shots.Count == 1
            ? "[still0]null"
            : $"{string.Concat(timeline.Shots.Select(s => $"[still{s.Index}]"))}concat=n={timeline.Shots.Count}:v=1:a=0";
        var motions = timeline.Shots.Select(s => Motion(shots[s.Index].Motion, s.ClipFrames)).ToList();
        var fps = FilterNumber.Format(timeline.FramesPerSecond);
        var zoom = PerShot(motions.Select(m => m.Zoom));
        var x = PerShot(motions.Select(m => m.X));
        var y = PerShot(motions.Select(m => m.Y));
        var frames = PerShot(timeline.Shots.Select(s => FilterNumber.Format(s.ClipFrames)));

        // zoompan numbers its own output; the timestamps are rewritten from the frame count all the same, so
        // every later trim and the subtitles see exact frame times.
        lines.Add($"{stills},zoompan=z='{zoom}':x='{x}':y='{y}':d='{frames}':s={frame}:fps={fps},setsar=1,settb=1/{fps},setpts=N[{output}]");
        return string.Join(";\n", lines);
    }

    /// <summary>Per-frame expressions of one shot; <c>frame</c> counts the frames of the current still.</summary>
    private static (string Zoom, string X, string Y) Motion(CameraMotion motion, int clipFrames)
    {
        var last = FilterNumber.Format(Math.Max(clipFrames - 1, 1));
        var range = FilterNumber.Format(FrameSize.MotionHeadroom - 1);
        var full = FilterNumber.Format(FrameSize.MotionHeadroom);
        const string centreX = "(iw-iw/zoom)/2";
        const string centreY = "(ih-ih/zoom)/2";
        return motion switch
        {
            CameraMotion.ZoomIn => ($"(1+{range}*frame/{last})", centreX, centreY),
            CameraMotion.ZoomOut => ($"({full}-{range}*frame/{last})", centreX, centreY),

            // At full zoom the visible window is exactly the frame, pixel for pixel; the window slides across.
            CameraMotion.PanLeft => (full, $"(iw-iw/zoom)*(1-frame/{last})", centreY),
            CameraMotion.PanRight => (full, $"(iw-iw/zoom)*frame/{last}", centreY),
            _ => ("1", centreX, centreY),
        };
    }

    /// <summary>Selects the current still's term by its input index, without nesting: sum of term*eq(in,i).</summary>
    private static string PerShot(IEnumerable<string> terms)
    {
        var list = terms.ToList();
        return list.Count == 1
            ? list[0]
            : string.Join("+", list.Select((term, i) => $"{term}*eq(in,{FilterNumber.Format(i)})"));
    }
}
