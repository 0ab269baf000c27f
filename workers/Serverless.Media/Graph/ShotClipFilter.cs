using Serverless.Contracts.Rendering;
using Serverless.Media.Timeline;

namespace Serverless.Media.Graph;

/// <summary>
/// The filter chain that turns one still (a single decoded frame) into its moving clip. Each still is decoded once
/// and scaled once to <see cref="FrameSize.MotionHeadroom"/> times the frame, in yuv420p, before any per-frame work:
/// zooming a full-size looped input costs about ten times more per frame (DESIGN section 6).
/// </summary>
internal static class ShotClipFilter
{
    public static string Build(int inputIndex, ShotSpan span, CameraMotion motion, FrameSize frame, int framesPerSecond)
    {
        var frames = span.ClipFrames;
        var last = FilterNumber.Format(Math.Max(frames - 1, 1));
        var fps = FilterNumber.Format(framesPerSecond);
        var big = frame.WithHeadroom();
        var cover = $"[{inputIndex}:v]scale={big.Width}:{big.Height}:force_original_aspect_ratio=increase,crop={big.Width}:{big.Height},format=yuv420p";
        var loop = $"loop=loop={FilterNumber.Format(frames - 1)}:size=1:start=0,setpts=N/{fps}/TB";
        var zoomRange = FilterNumber.Format(FrameSize.MotionHeadroom - 1);
        var headroom = FilterNumber.Format(FrameSize.MotionHeadroom);

        var chain = motion switch
        {
            // zoompan emits d frames from its one input frame: no looped input, no per-frame decode.
            CameraMotion.ZoomIn =>
                $"{cover},zoompan=z='1+{zoomRange}*on/{last}':x='(iw-iw/zoom)/2':y='(ih-ih/zoom)/2':d={FilterNumber.Format(frames)}:s={frame}:fps={fps}",
            CameraMotion.ZoomOut =>
                $"{cover},zoompan=z='{headroom}-{zoomRange}*on/{last}':x='(iw-iw/zoom)/2':y='(ih-ih/zoom)/2':d={FilterNumber.Format(frames)}:s={frame}:fps={fps}",

            // A moving crop over the pre-scaled still costs almost nothing per frame.
            CameraMotion.PanLeft =>
                $"{cover},{loop},crop={frame.Width}:{frame.Height}:x='(iw-ow)*(1-n/{last})':y='(ih-oh)/2'",
            CameraMotion.PanRight =>
                $"{cover},{loop},crop={frame.Width}:{frame.Height}:x='(iw-ow)*n/{last}':y='(ih-oh)/2'",
            _ =>
                $"[{inputIndex}:v]scale={frame.Width}:{frame.Height}:force_original_aspect_ratio=increase,crop={frame.Width}:{frame.Height},format=yuv420p,{loop}",
        };

        return $"{chain},setsar=1,settb=1/{fps}";
    }
}
