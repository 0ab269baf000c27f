using SkiaSharp;

namespace Serverless.Testing.Ocr;

/// <summary>
/// Differentiable Binarization postprocessing (PaddleOCR DBPostProcess, "fast" score mode) with axis-aligned boxes:
/// binarize the probability map, take each connected region, score it by the mean probability inside its box,
/// then grow the box back out ("unclip"), because DB is trained to predict text regions shrunk towards their centre.
/// Subtitles and speech bubbles are horizontal, so minimum-area rotated rectangles are not needed.
/// </summary>
internal sealed class DbPostprocessor(
    float binaryThreshold = 0.3f, float boxThreshold = 0.6f, float unclipRatio = 1.5f, int maxCandidates = 1000)
{
    // Regions thinner than this (in map pixels) are noise, as in PaddleOCR (min_size = 3, and +2 after unclipping).
    private const int MinSize = 3;

    /// <summary>Boxes in map coordinates (pixel centres), in no particular order.</summary>
    public IReadOnlyList<DetectedBox> Extract(ReadOnlySpan<float> map, int width, int height)
    {
        var labels = new int[width * height];
        var boxes = new List<DetectedBox>();
        var stack = new Stack<int>();
        var regions = 0;
        for (var start = 0; start < labels.Length && regions < maxCandidates; start++)
        {
            if (labels[start] != 0 || map[start] <= binaryThreshold)
            {
                continue;
            }

            regions++;
            var (minX, minY, maxX, maxY) = Flood(map, width, height, labels, stack, start, regions);
            if (Math.Min(maxX - minX, maxY - minY) < MinSize)
            {
                continue;
            }

            var score = MeanInside(map, width, minX, minY, maxX, maxY);
            if (score < boxThreshold)
            {
                continue;
            }

            var box = Unclip(new SKRect(minX, minY, maxX, maxY));
            if (Math.Min(box.Width, box.Height) < MinSize + 2)
            {
                continue;
            }

            boxes.Add(new DetectedBox(box, score));
        }

        return boxes;
    }

    /// <summary>
    /// Offsets the box outwards by area * ratio / perimeter, the distance PaddleOCR hands to pyclipper; for a rectangle
    /// the offset polygon's bounding box is the rectangle grown by that distance on every side.
    /// </summary>
    internal SKRect Unclip(SKRect box)
    {
        var perimeter = 2 * (box.Width + box.Height);
        if (perimeter <= 0)
        {
            return box;
        }

        var distance = box.Width * box.Height * unclipRatio / perimeter;
        return SKRect.Inflate(box, distance, distance);
    }

    // 8-connected flood fill, matching the outer contours OpenCV finds on the binary mask.
    private (int MinX, int MinY, int MaxX, int MaxY) Flood(
        ReadOnlySpan<float> map, int width, int height, int[] labels, Stack<int> stack, int start, int label)
    {
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1;
        labels[start] = label;
        stack.Push(start);
        while (stack.Count > 0)
        {
            var index = stack.Pop();
            int x = index % width, y = index / width;
            minX = Math.Min(minX, x);
            maxX = Math.Max(maxX, x);
            minY = Math.Min(minY, y);
            maxY = Math.Max(maxY, y);
            for (var dy = -1; dy <= 1; dy++)
            {
                var ny = y + dy;
                if (ny < 0 || ny >= height)
                {
                    continue;
                }

                for (var dx = -1; dx <= 1; dx++)
                {
                    var nx = x + dx;
                    if (nx < 0 || nx >= width)
                    {
                        continue;
                    }

                    var neighbour = ny * width + nx;
                    if (labels[neighbour] == 0 && map[neighbour] > binaryThreshold)
                    {
                        labels[neighbour] = label;
                        stack.Push(neighbour);
                    }
                }
            }
        }

        return (minX, minY, maxX, maxY);
    }

    private static float MeanInside(ReadOnlySpan<float> map, int width, int minX, int minY, int maxX, int maxY)
    {
        double sum = 0;
        for (var y = minY; y <= maxY; y++)
        {
            foreach (var p in map.Slice(y * width + minX, maxX - minX + 1))
            {
                sum += p;
            }
        }

        return (float)(sum / ((maxX - minX + 1) * (maxY - minY + 1)));
    }
}
