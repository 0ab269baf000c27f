using System.Text;
using Serverless.Media.Rendering;

namespace Serverless.Media.Graph;

/// <summary>
/// Blends the outgoing shot's tail with the incoming shot's head, both exactly the transition's frames long.
/// Fades and dissolves are a crossfade drawn by <c>blend</c> in yuv420p, whose opacity <c>sendcmd</c> steps once a
/// frame (head frame i gets i/frames, as <c>fade</c> would give it). An alpha ramp (<c>format=yuva420p,fade</c> under
/// <c>overlay</c>) drew the same frames, but each transition kept its own pool of yuva420p frames for the whole render:
/// about 10 MB a transition at 1080x1920, 107 MB of the reference job's 637 MB. ffmpeg 5.1's xfade held hundreds of
/// megabytes an instance (1.66 GB for the reference job), so it is kept only for the wipe, which blend cannot draw.
/// </summary>
internal static class TransitionFilter
{
    public static string Build(string outgoingTail, string incomingHead, TransitionKind kind, int frames, int framesPerSecond, string output)
    {
        var seconds = FilterNumber.Format((double)frames / framesPerSecond);
        return kind switch
        {
            TransitionKind.Fade or TransitionKind.Dissolve =>
                $"[{incomingHead}]sendcmd=c='{OpacitySteps(output, frames, framesPerSecond)}'[{output}_head];" +
                $"[{output}_head][{outgoingTail}]blend@{output}=all_mode=normal:all_opacity=0:shortest=1[{output}]",
            TransitionKind.Wipe =>
                $"[{outgoingTail}][{incomingHead}]xfade=transition=wipeleft:duration={seconds}:offset=0[{output}]",
            _ => throw new InvalidRenderJobException($"Transition '{kind}' has no blend."),
        };
    }

    /// <summary>
    /// One command per head frame, timed half a frame before it, so rounding of the frame times to microseconds
    /// can never send a step late.
    /// </summary>
    private static string OpacitySteps(string blend, int frames, int framesPerSecond)
    {
        var steps = new StringBuilder();
        for (var i = 1; i < frames; i++)
        {
            var at = (i - 0.5) / framesPerSecond;
            steps.Append(steps.Length == 0 ? "" : ";")
                .Append(FilterNumber.Format(at)).Append(" blend@").Append(blend).Append(" all_opacity ")
                .Append(FilterNumber.Format((double)i / frames));
        }

        // A one-frame transition is the outgoing frame alone, like fade's first frame; sendcmd needs one command.
        return steps.Length == 0 ? $"0 blend@{blend} all_opacity 0" : steps.ToString();
    }
}
