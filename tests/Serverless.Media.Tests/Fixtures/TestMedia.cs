using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Media.Tests.Fixtures;

/// <summary>Makes real inputs (ffmpeg test patterns, espeak-ng Mandarin speech) and measures real outputs.</summary>
public static partial class TestMedia
{
    /// <summary>The small job's three stills, <c>in-0.png</c> to <c>in-2.png</c>, each in its own hue.</summary>
    public static async Task<List<string>> StillsAsync(string folder, int width = 720, int height = 1280)
    {
        var stills = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            stills.Add(await StillAsync(folder, $"in-{i}.png", i, width, height));
        }

        return stills;
    }

    public static async Task<string> StillAsync(string folder, string name, int index, int width = 720, int height = 1280)
    {
        var path = Path.Combine(folder, name);
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi",
            "-i", $"testsrc2=size={width}x{height}:rate=1,hue=h={index * 97 % 360}", "-frames:v", "1", path);
        return path;
    }

    public static async Task<string> SpeechAsync(string folder, string name, string text)
    {
        var path = Path.Combine(folder, name);
        await Tool.RunAsync("espeak-ng", "-v", "cmn-latn-pinyin", "-w", path, text);
        return path;
    }

    public static async Task<double> MeanVolumeAsync(string path)
    {
        var (_, log) = await Tool.RunAsync("ffmpeg", "-hide_banner", "-i", path, "-vn", "-af", "volumedetect", "-f", "null", "-");
        var match = MeanVolume().Match(log);
        Assert.True(match.Success, $"volumedetect printed no mean volume: {log}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    public static async Task<double> MeanVolumeAsync(string path, double from, double to)
    {
        var (_, log) = await Tool.RunAsync("ffmpeg", "-hide_banner", "-ss", F(from), "-t", F(to - from), "-i", path, "-vn", "-af", "volumedetect", "-f", "null", "-");
        var match = MeanVolume().Match(log);
        Assert.True(match.Success, $"volumedetect printed no mean volume: {log}");
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>One frame as 8-bit luma, row by row.</summary>
    public static Task<byte[]> LumaFrameAsync(string video, double seconds) =>
        Tool.RunBinaryAsync("ffmpeg", "-v", "error", "-ss", F(seconds), "-i", video, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-");

    /// <summary>Mean absolute luma difference over rows [fromRow, toRow).</summary>
    public static double MeanDifference(byte[] a, byte[] b, int width, int fromRow, int toRow)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        for (var i = fromRow * width; i < toRow * width; i++)
        {
            sum += Math.Abs(a[i] - b[i]);
        }

        return (double)sum / ((toRow - fromRow) * width);
    }

    /// <summary>Mean absolute luma difference inside the rectangle [x0, x1) x [y0, y1).</summary>
    public static double MeanDifference(byte[] a, byte[] b, int width, int x0, int x1, int y0, int y1)
    {
        Assert.Equal(a.Length, b.Length);
        long sum = 0;
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                sum += Math.Abs(a[y * width + x] - b[y * width + x]);
            }
        }

        return (double)sum / ((x1 - x0) * (y1 - y0));
    }

    private static string F(double value) => value.ToString("0.###", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"mean_volume: (-?[0-9.]+) dB")]
    private static partial Regex MeanVolume();
}
