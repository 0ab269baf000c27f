using SkiaSharp;

namespace Serverless.Testing.Ocr;

/// <summary>Turns part of a frame into the float planes the PaddleOCR models expect.</summary>
internal static class ImageTensor
{
    /// <summary>
    /// Crops <paramref name="region"/> out of <paramref name="source"/> and scales it to width x height in one draw.
    /// Bilinear sampling stands in for PaddleOCR's cv2.resize(INTER_LINEAR).
    /// </summary>
    public static SKBitmap Resample(SKImage source, SKRect region, int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Bgra8888, SKAlphaType.Premul));
        using var canvas = new SKCanvas(bitmap);
        canvas.Clear(SKColors.Black);
        canvas.DrawImage(source, region, new SKRect(0, 0, width, height), new SKSamplingOptions(SKFilterMode.Linear), null);
        canvas.Flush();
        return bitmap;
    }

    /// <summary>
    /// Writes the bitmap as three planes in B, G, R order into a [3, planeHeight, planeWidth] buffer (columns past the
    /// bitmap's width are left as they are, i.e. padding). PaddleOCR feeds OpenCV's BGR images and applies its mean/std
    /// lists in that plane order, so <paramref name="mean"/>[0] belongs to blue even for the "ImageNet RGB" values.
    /// </summary>
    public static void WriteBgrPlanes(
        SKBitmap bitmap, Span<float> destination, int planeWidth, int planeHeight,
        ReadOnlySpan<float> mean, ReadOnlySpan<float> std)
    {
        if (bitmap.ColorType != SKColorType.Bgra8888)
        {
            throw new ArgumentException("Expected a BGRA8888 bitmap from Resample.", nameof(bitmap));
        }

        var pixels = bitmap.GetPixelSpan();
        var rowBytes = bitmap.RowBytes;
        var planeSize = planeWidth * planeHeight;
        Span<float> scale = stackalloc float[3];
        Span<float> offset = stackalloc float[3];
        for (var c = 0; c < 3; c++)
        {
            // (x / 255 - mean) / std folded into x * scale + offset.
            scale[c] = 1f / (255f * std[c]);
            offset[c] = -mean[c] / std[c];
        }

        for (var y = 0; y < bitmap.Height; y++)
        {
            var row = pixels.Slice(y * rowBytes, bitmap.Width * 4);
            var rowStart = y * planeWidth;
            for (var x = 0; x < bitmap.Width; x++)
            {
                var i = rowStart + x;
                destination[i] = row[x * 4] * scale[0] + offset[0];
                destination[planeSize + i] = row[x * 4 + 1] * scale[1] + offset[1];
                destination[2 * planeSize + i] = row[x * 4 + 2] * scale[2] + offset[2];
            }
        }
    }
}
