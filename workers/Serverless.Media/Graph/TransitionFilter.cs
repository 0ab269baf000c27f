using Serverless.Contracts.Rendering;

namespace Serverless.Media.Graph;

/// <summary>Maps the storyboard's transitions onto ffmpeg's xfade transitions.</summary>
internal static class TransitionFilter
{
    public static string XfadeName(TransitionKind kind) => kind switch
    {
        TransitionKind.Fade => "fade",
        TransitionKind.Dissolve => "dissolve",
        TransitionKind.Wipe => "wipeleft",
        _ => throw new InvalidRenderJobException($"Transition '{kind}' has no blend."),
    };

    public static string Build(string outgoingTail, string incomingHead, TransitionKind kind, int frames, int framesPerSecond, string output) =>
        $"[{outgoingTail}][{incomingHead}]xfade=transition={XfadeName(kind)}:duration={FilterNumber.Format((double)frames / framesPerSecond)}:offset=0[{output}]";
}
