namespace Serverless.Media.Footage;

/// <summary>
/// Picture change from frame to frame, read from small grey frames ffmpeg decodes into a raw file: the mean absolute
/// difference (0..1) over the frame and per column. Frame difference is what a camera operator follows: it is high
/// where something moves and zero on a still ground, and needs no model.
/// </summary>
internal sealed record MotionFrames(int Width, int Height, int FramesPerSecond)
{
    /// <summary>The filter chain that turns a video stream into these frames.</summary>
    public string Filter => $"fps={FramesPerSecond},scale={Width}:{Height}:flags=fast_bilinear,format=gray";

    /// <summary>Each frame after the first: its time (seconds from the first), mean change, and mean change per column.</summary>
    public IEnumerable<(double Time, double Mean, float[] Columns)> Differences(string rawFile)
    {
        var size = Width * Height;
        var previous = new byte[size];
        var current = new byte[size];
        using var stream = File.OpenRead(rawFile);
        if (stream.ReadAtLeast(previous, size, throwOnEndOfStream: false) < size)
        {
            yield break;
        }

        for (var index = 1; stream.ReadAtLeast(current, size, throwOnEndOfStream: false) == size; index++)
        {
            var columns = new float[Width];
            long total = 0;
            for (var y = 0; y < Height; y++)
            {
                var row = y * Width;
                for (var x = 0; x < Width; x++)
                {
                    var change = Math.Abs(current[row + x] - previous[row + x]);
                    columns[x] += change;
                    total += change;
                }
            }

            for (var x = 0; x < Width; x++)
            {
                columns[x] /= Height * 255f;
            }

            yield return ((double)index / FramesPerSecond, total / (size * 255.0), columns);
            (previous, current) = (current, previous);
        }
    }
}
