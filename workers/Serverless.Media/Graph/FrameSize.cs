namespace Serverless.Media.Graph;

/// <summary>A frame size in pixels; both sides even, as yuv420p needs.</summary>
public readonly record struct FrameSize(int Width, int Height)
{
    /// <summary>How much larger than the frame each still is scaled once, so zoom and pan have room without upscaling per frame.</summary>
    public const double MotionHeadroom = Serverless.Contracts.Rendering.CameraFraming.Headroom;

    public FrameSize WithHeadroom() => new(Even(Width * MotionHeadroom), Even(Height * MotionHeadroom));

    public static int Even(double value) => (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2;

    public override string ToString() => $"{Width}x{Height}";
}
