using SkiaSharp;

namespace Serverless.Testing.Ocr.Tests;

/// <summary>Portrait frames like the renderer's: a busy, colourful picture with an outlined subtitle in the bottom band.</summary>
internal static class TestFrames
{
    public const int Width = 1080;
    public const int Height = 1920;
    public const string CjkFamily = "Noto Sans CJK SC";

    /// <summary>Where subtitles go: the bottom fifth of the frame.</summary>
    public static SKRectI BottomBand => new(0, Height * 4 / 5, Width, Height);

    /// <summary>A gradient with random translucent shapes: edges and colour everywhere, but no glyphs.</summary>
    public static SKBitmap Busy(int seed)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        using (var gradient = new SKPaint())
        {
            gradient.Shader = SKShader.CreateLinearGradient(
                new SKPoint(0, 0), new SKPoint(Width, Height),
                [RandomColor(random), RandomColor(random), RandomColor(random)], SKShaderTileMode.Clamp);
            canvas.DrawRect(0, 0, Width, Height, gradient);
        }

        using var paint = new SKPaint { IsAntialias = true };
        for (var i = 0; i < 60; i++)
        {
            paint.Color = RandomColor(random).WithAlpha((byte)random.Next(90, 220));
            var x = random.Next(-100, Width);
            var y = random.Next(-100, Height);
            var size = random.Next(40, 400);
            if (i % 2 == 0)
            {
                canvas.DrawCircle(x, y, size / 2f, paint);
            }
            else
            {
                canvas.DrawRect(x, y, size, random.Next(40, 400), paint);
            }
        }

        return bitmap;
    }

    /// <summary>White text with a black outline, centred on a baseline in the bottom band; shrinks to fit 90% of the width.</summary>
    public static void DrawSubtitle(SKBitmap frame, string text, float size = 60, float baseline = Height - 260)
    {
        using var typeface = SKTypeface.FromFamilyName(CjkFamily)
            ?? throw new InvalidOperationException($"Font {CjkFamily} is not installed.");
        if (typeface.FamilyName != CjkFamily)
        {
            throw new InvalidOperationException($"Asked for {CjkFamily}, got {typeface.FamilyName}: install fonts-noto-cjk.");
        }

        using var font = new SKFont(typeface, size);
        var width = font.MeasureText(text);
        if (width > Width * 0.9f)
        {
            font.Size = size * Width * 0.9f / width;
        }

        using var canvas = new SKCanvas(frame);
        using var outline = new SKPaint
        {
            IsAntialias = true, Color = SKColors.Black, Style = SKPaintStyle.Stroke,
            StrokeWidth = font.Size / 10, StrokeJoin = SKStrokeJoin.Round,
        };
        using var fill = new SKPaint { IsAntialias = true, Color = SKColors.White };
        canvas.DrawText(text, Width / 2f, baseline, SKTextAlign.Center, font, outline);
        canvas.DrawText(text, Width / 2f, baseline, SKTextAlign.Center, font, fill);
    }

    /// <summary>Writes the frame as PNG where a failing test can be inspected, and returns the path.</summary>
    public static string SavePng(SKBitmap frame, string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "ocr-frames");
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name + ".png");
        using var data = frame.Encode(SKEncodedImageFormat.Png, 100);
        using var file = File.Create(path);
        data.SaveTo(file);
        return path;
    }

    private static SKColor RandomColor(Random random) =>
        new((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256));
}
