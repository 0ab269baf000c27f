namespace Serverless.Media.Graph;

/// <summary>A frame size in pixels; both sides even, as yuv420p needs.</summary>
public readonly record struct FrameSize(int Width, int Height)
{
    /// <summary>
    /// How much larger than the frame each still is scaled once, so zoom and pan have room without upscaling per frame.
    /// The storyboard frames are drawn to keep their lettering clear of what this hides (the app's CameraFraming), so the
    /// worker's tests hold the two equal.
    /// </summary>
    public const double MotionHeadroom = 1.2;

    public FrameSize WithHeadroom() => new(Even(Width * MotionHeadroom), Even(Height * MotionHeadroom));

    public static int Even(double value) => (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2;

    public override string ToString() => $"{Width}x{Height}";
}
