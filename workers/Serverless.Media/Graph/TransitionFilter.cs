using Serverless.Contracts.Rendering;

namespace Serverless.Media.Graph;

/// <summary>
/// Blends the outgoing shot's tail with the incoming shot's head, both exactly the transition's frames long.
/// Fades and dissolves are a crossfade: the head, given an alpha ramp with <c>fade</c>, is overlaid on the tail.
/// That costs the same as xfade per frame, but ffmpeg 5.1's xfade instances each held on to hundreds of megabytes
/// at 1080x1920 in the reference job (1.38 GB for the video graph against 0.36 GB with overlays), so xfade is kept
/// only for the wipe, which overlay cannot draw.
/// </summary>
internal static class TransitionFilter
{
    public static string Build(string outgoingTail, string incomingHead, TransitionKind kind, int frames, int framesPerSecond, string output)
    {
        var seconds = FilterNumber.Format((double)frames / framesPerSecond);
        return kind switch
        {
            TransitionKind.Fade or TransitionKind.Dissolve =>
                $"[{incomingHead}]format=yuva420p,fade=t=in:st=0:d={seconds}:alpha=1[{output}_head];" +
                $"[{outgoingTail}][{output}_head]overlay=format=yuv420:eof_action=pass:shortest=1[{output}]",
            TransitionKind.Wipe =>
                $"[{outgoingTail}][{incomingHead}]xfade=transition=wipeleft:duration={seconds}:offset=0[{output}]",
            _ => throw new InvalidRenderJobException($"Transition '{kind}' has no blend."),
        };
    }
}
