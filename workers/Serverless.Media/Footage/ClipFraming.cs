using System.Text;
using Serverless.Media.Graph;

namespace Serverless.Media.Footage;

/// <summary>
/// How a clip's pictures fill the output frame: scaled as they are (same shape), a crop window whose centre follows the
/// motion (<see cref="Centres"/>: the window's centre, 0..1 of the source width, once a second), or the whole picture
/// letterboxed over a blurred, filled copy of itself where no window holds the action (the output is wider than the
/// source, or what moves is spread wider than the window).
/// </summary>
public sealed record ClipFraming(ClipFramingKind Kind, IReadOnlyList<double> Centres)
{
    /// <summary>Below this share of the picture's change inside the window, a crop would lose the action.</summary>
    public const double LeastActionInside = 0.55;

    /// <summary>The window moves at most this share of the source width in a second: a pan, not a jump.</summary>
    public const double MaxPanPerSecond = 0.12;

    /// <summary>The ffmpeg chain from the source's frames (<paramref name="input"/>) to the output's size (<paramref name="output"/>).</summary>
    public string Filter(string input, string output, int sourceWidth, int sourceHeight, FrameSize frame)
    {
        var (w, h) = (FilterNumber.Format(frame.Width), FilterNumber.Format(frame.Height));
        switch (Kind)
        {
            case ClipFramingKind.Crop:
                var cropWidth = FrameSize.Even(sourceHeight * frame.Width / (double)frame.Height);
                var x = CentreExpression(sourceWidth, cropWidth);
                return $"[{input}]crop=w={FilterNumber.Format(cropWidth)}:h={FilterNumber.Format(sourceHeight)}:x='{x}':y=0,scale={w}:{h}[{output}]";
            case ClipFramingKind.Letterbox:
                // The fill is blurred at an eighth of the size: the same look for a sixty-fourth of the work.
                var (sw, sh) = (FilterNumber.Format(FrameSize.Even(frame.Width / 8.0)), FilterNumber.Format(FrameSize.Even(frame.Height / 8.0)));
                return $"[{input}]split=2[{output}_bg][{output}_fg];" +
                       $"[{output}_bg]scale={sw}:{sh}:force_original_aspect_ratio=increase,crop={sw}:{sh},boxblur=4:2,scale={w}:{h}[{output}_fill];" +
                       $"[{output}_fg]scale={w}:{h}:force_original_aspect_ratio=decrease[{output}_pic];" +
                       $"[{output}_fill][{output}_pic]overlay=x=(W-w)/2:y=(H-h)/2[{output}]";
            default:
                return $"[{input}]scale={w}:{h}[{output}]";
        }
    }

    /// <summary>The window's left edge over time: straight lines between the once-a-second centres, kept inside the picture.</summary>
    private string CentreExpression(int sourceWidth, int cropWidth)
    {
        var left = Centres.Select(c => Math.Clamp((c * sourceWidth) - (cropWidth / 2.0), 0, sourceWidth - cropWidth)).ToList();
        if (left.Count == 1)
        {
            return FilterNumber.Format(Math.Round(left[0]));
        }

        var expression = new StringBuilder();
        for (var i = 0; i < left.Count - 1; i++)
        {
            var (from, to) = (FilterNumber.Format(Math.Round(left[i], 1)), FilterNumber.Format(Math.Round(left[i + 1] - left[i], 1)));
            expression.Append($"if(lt(t,{FilterNumber.Format(i + 1)}),{from}+({to})*(t-{FilterNumber.Format(i)}),");
        }

        expression.Append(FilterNumber.Format(Math.Round(left[^1], 1)));
        expression.Append(')', left.Count - 1);
        return expression.ToString();
    }

    /// <summary>
    /// Plans the framing from per-column change (<see cref="MotionFrames"/>): each second's centre of the change, held
    /// where nothing moves, smoothed over three seconds and limited to <see cref="MaxPanPerSecond"/>.
    /// </summary>
    public static ClipFraming Plan(IEnumerable<(double Time, double Mean, float[] Columns)> differences, int seconds, int sourceWidth, int sourceHeight, FrameSize frame)
    {
        var sourceAspect = (double)sourceWidth / sourceHeight;
        var outputAspect = (double)frame.Width / frame.Height;
        if (Math.Abs(sourceAspect - outputAspect) / outputAspect < 0.02)
        {
            return new ClipFraming(ClipFramingKind.Scale, []);
        }

        if (outputAspect > sourceAspect)
        {
            return new ClipFraming(ClipFramingKind.Letterbox, []);
        }

        var window = outputAspect / sourceAspect;
        var perSecond = new float[Math.Max(1, seconds)][];
        foreach (var (time, _, columns) in differences)
        {
            var second = Math.Min(perSecond.Length - 1, (int)Math.Floor(time));
            perSecond[second] ??= new float[columns.Length];
            for (var x = 0; x < columns.Length; x++)
            {
                perSecond[second][x] += columns[x];
            }
        }

        var raw = new double?[perSecond.Length];
        var inside = new List<double>();
        for (var s = 0; s < perSecond.Length; s++)
        {
            if (perSecond[s] is not { } columns || columns.Sum() < 1e-3f * columns.Length)
            {
                continue;
            }

            var (centre, share) = BestWindow(columns, window);
            raw[s] = centre;
            inside.Add(share);
        }

        if (inside.Count > 0 && inside.Order().ElementAt(inside.Count / 2) < LeastActionInside)
        {
            return new ClipFraming(ClipFramingKind.Letterbox, []);
        }

        return new ClipFraming(ClipFramingKind.Crop, Smooth(raw, window));
    }

    /// <summary>The window position holding the most change (a running sum over columns), and the share it holds.</summary>
    private static (double Centre, double Share) BestWindow(float[] columns, double window)
    {
        var width = Math.Max(1, (int)Math.Round(columns.Length * window));
        double sum = 0, best = -1, total = columns.Sum();
        var bestLeft = 0;
        for (var x = 0; x < columns.Length; x++)
        {
            sum += columns[x];
            if (x >= width)
            {
                sum -= columns[x - width];
            }

            if (x >= width - 1 && sum > best)
            {
                (best, bestLeft) = (sum, x - width + 1);
            }
        }

        return ((bestLeft + (width / 2.0)) / columns.Length, total > 0 ? best / total : 1);
    }

    private static IReadOnlyList<double> Smooth(double?[] raw, double window)
    {
        // Seconds without motion keep the last centre (the first known one before it); none at all, the middle.
        var firstKnown = raw.FirstOrDefault(r => r is not null) ?? 0.5;
        var held = new double[raw.Length];
        var last = firstKnown;
        for (var s = 0; s < raw.Length; s++)
        {
            last = raw[s] ?? last;
            held[s] = last;
        }

        var smooth = new double[held.Length];
        for (var s = 0; s < held.Length; s++)
        {
            var from = Math.Max(0, s - 1);
            var to = Math.Min(held.Length - 1, s + 1);
            smooth[s] = held[from..(to + 1)].Average();
        }

        var half = window / 2;
        for (var s = 0; s < smooth.Length; s++)
        {
            if (s > 0)
            {
                smooth[s] = Math.Clamp(smooth[s], smooth[s - 1] - MaxPanPerSecond, smooth[s - 1] + MaxPanPerSecond);
            }

            smooth[s] = Math.Round(Math.Clamp(smooth[s], half, 1 - half), 4);
        }

        return smooth;
    }
}

public enum ClipFramingKind
{
    Scale,
    Crop,
    Letterbox,
}
