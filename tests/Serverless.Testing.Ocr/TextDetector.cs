using SkiaSharp;

namespace Serverless.Testing.Ocr;

/// <summary>PP-OCRv4 DB text detection: finds horizontal text boxes in a region of a frame.</summary>
internal sealed class TextDetector(OnnxModel model, DbPostprocessor postprocessor) : IDisposable
{
    // PaddleOCR's det_limit_side_len / det_limit_type "max": cap the long side, never upscale.
    private const int LimitSideLength = 960;

    // The DB network downsamples by 32, so both sides must be multiples of it.
    private const int Stride = 32;

    private static readonly float[] Mean = [0.485f, 0.456f, 0.406f];
    private static readonly float[] Std = [0.229f, 0.224f, 0.225f];

    /// <summary>Text boxes in frame coordinates.</summary>
    public IReadOnlyList<DetectedBox> Detect(SKImage image, SKRectI region)
    {
        var (width, height) = InputSize(region.Width, region.Height);
        var input = new float[3 * width * height];
        using (var resized = ImageTensor.Resample(image, region, width, height))
        {
            ImageTensor.WriteBgrPlanes(resized, input, width, height, Mean, Std);
        }

        return model.Run(input, [1, 3, height, width], (map, shape) =>
        {
            var mapHeight = (int)shape[^2];
            var mapWidth = (int)shape[^1];
            var boxes = postprocessor.Extract(map, mapWidth, mapHeight);
            var scaleX = (float)region.Width / mapWidth;
            var scaleY = (float)region.Height / mapHeight;
            return boxes
                .Select(b => b with { Box = ToFrame(b.Box, scaleX, scaleY, region) })
                .Where(b => b.Box.Width >= 1 && b.Box.Height >= 1)
                .ToList();
        });
    }

    /// <summary>Size fed to the network for a region: long side at most 960, both sides rounded to multiples of 32.</summary>
    internal static (int Width, int Height) InputSize(int width, int height)
    {
        var ratio = Math.Max(width, height) > LimitSideLength ? (double)LimitSideLength / Math.Max(width, height) : 1.0;
        return (RoundToStride(width * ratio), RoundToStride(height * ratio));
    }

    private static int RoundToStride(double side) => Math.Max((int)Math.Round(side / Stride) * Stride, Stride);

    // Map pixels back to the frame, rounded and clipped as PaddleOCR does, then offset by the region.
    private static SKRect ToFrame(SKRect box, float scaleX, float scaleY, SKRectI region) => new(
        region.Left + Math.Clamp(MathF.Round(box.Left * scaleX), 0, region.Width),
        region.Top + Math.Clamp(MathF.Round(box.Top * scaleY), 0, region.Height),
        region.Left + Math.Clamp(MathF.Round(box.Right * scaleX), 0, region.Width),
        region.Top + Math.Clamp(MathF.Round(box.Bottom * scaleY), 0, region.Height));

    public void Dispose() => model.Dispose();
}
