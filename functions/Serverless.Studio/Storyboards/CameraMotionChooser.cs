using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Storyboards;

/// <summary>
/// Picks a camera move per shot from those that suit its framing, varied by the seed but identical
/// for the same seed (a stable hash, not <see cref="string.GetHashCode()"/>, which changes per process).
/// </summary>
internal static class CameraMotionChooser
{
    private static readonly CameraMotion[] Wide = [CameraMotion.ZoomOut, CameraMotion.PanLeft, CameraMotion.PanRight, CameraMotion.ZoomIn];
    private static readonly CameraMotion[] Close = [CameraMotion.ZoomIn, CameraMotion.Still, CameraMotion.ZoomIn, CameraMotion.ZoomOut];
    private static readonly CameraMotion[] Shoulder = [CameraMotion.PanLeft, CameraMotion.PanRight, CameraMotion.ZoomIn];
    private static readonly CameraMotion[] Middle = [CameraMotion.ZoomIn, CameraMotion.PanRight, CameraMotion.PanLeft, CameraMotion.Still, CameraMotion.ZoomOut];

    public static CameraMotion Choose(int seed, int index, ShotFraming framing, CameraMotion? previous)
    {
        var choices = framing switch
        {
            ShotFraming.Long => Wide,
            ShotFraming.Closeup => Close,
            ShotFraming.OverShoulder => Shoulder,
            _ => Middle,
        };
        var pick = (int)(Mix(((ulong)(uint)seed << 32) | (uint)index) % (ulong)choices.Length);
        for (var step = 0; step < choices.Length && choices[pick] == previous; step++)
        {
            // The same move twice in a row looks like one long shot; take the next one.
            pick = (pick + 1) % choices.Length;
        }

        return choices[pick];
    }

    // SplitMix64 finaliser: every input bit affects every output bit.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
