using SkiaSharp;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>
/// Scales and centre-crops a generated picture to the exact frame size: image models offer only a few sizes, and the
/// renderer downstream needs every shot at the video's size.
/// </summary>
public static class PictureFit
{
    public static byte[] Cover(ReadOnlySpan<byte> encoded, int width, int height)
    {
        using var source = SKBitmap.Decode(encoded) ?? throw new InvalidDataException("The generated image could not be decoded.");
        var scale = Math.Max((float)width / source.Width, (float)height / source.Height);
        var drawn = new SKSize(source.Width * scale, source.Height * scale);
        var destination = SKRect.Create((width - drawn.Width) / 2, (height - drawn.Height) / 2, drawn.Width, drawn.Height);

        using var surface = SKSurface.Create(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        surface.Canvas.Clear(SKColors.Black);
        using var image = SKImage.FromBitmap(source);
        surface.Canvas.DrawImage(image, destination, new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
