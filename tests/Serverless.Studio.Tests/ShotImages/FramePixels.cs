using SkiaSharp;

namespace Serverless.Studio.Tests.ShotImages;

/// <summary>Decoded frame pixels and the measures the frame tests assert on.</summary>
internal sealed class FramePixels : IDisposable
{
    private readonly SKBitmap _bitmap;

    private FramePixels(SKBitmap bitmap) => _bitmap = bitmap;

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    public static FramePixels Decode(byte[] png)
    {
        Assert.True(png.Length > 8 && png[0] == 0x89 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "not a PNG");
        var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        return new FramePixels(bitmap);
    }

    public SKColor this[int x, int y] => _bitmap.GetPixel(x, y);

    /// <summary>Variance of luminance over a sampling grid: near zero for a blank or flat frame.</summary>
    public double LuminanceVariance()
    {
        var values = Sample().Select(c => (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue)).ToArray();
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean)) / values.Length;
    }

    /// <summary>Number of distinct colors on a sampling grid, coarsened to 4 bits per channel.</summary>
    public int DistinctColors() => Sample().Select(c => (c.Red >> 4, c.Green >> 4, c.Blue >> 4)).Distinct().Count();

    /// <summary>Share of pixels (0..1) that differ from another frame of the same size by more than a small tolerance.</summary>
    public double DifferenceFrom(FramePixels other) => Differences(other).Average(d => d > 24 ? 1.0 : 0.0);

    /// <summary>Mean luma (0..255, BT.601) over every pixel.</summary>
    public double MeanLuma()
    {
        var sum = 0.0;
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var c = _bitmap.GetPixel(x, y);
                sum += (0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue);
            }
        }

        return sum / ((long)Width * Height);
    }

    /// <summary>Mean absolute difference per colour channel (0..255) from another frame of the same size.</summary>
    public double MeanAbsoluteDifference(FramePixels other) => Differences(other).Average() / 3.0;

    /// <summary>Per pixel, the summed absolute difference of the three channels from the same pixel of another frame.</summary>
    private IEnumerable<int> Differences(FramePixels other)
    {
        Assert.Equal(Width, other.Width);
        Assert.Equal(Height, other.Height);
        for (var y = 0; y < Height; y++)
        {
            for (var x = 0; x < Width; x++)
            {
                var a = _bitmap.GetPixel(x, y);
                var b = other._bitmap.GetPixel(x, y);
                yield return Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue);
            }
        }
    }

    /// <summary>Mean saturation (0..100) on a sampling grid.</summary>
    public double MeanSaturation() => Sample().Average(c =>
    {
        c.ToHsv(out _, out var s, out _);
        return s;
    });

    public void Dispose() => _bitmap.Dispose();

    private IEnumerable<SKColor> Sample()
    {
        for (var y = 0; y < Height; y += Math.Max(1, Height / 200))
        {
            for (var x = 0; x < Width; x += Math.Max(1, Width / 120))
            {
                yield return _bitmap.GetPixel(x, y);
            }
        }
    }
}
