using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace Serverless.EndToEnd.Tests;

/// <summary>What ffprobe and ffmpeg say about a rendered file.</summary>
public sealed record MediaInfo(string VideoCodec, string AudioCodec, int Width, int Height, double Duration);

public static partial class MediaProbe
{
    public static async Task<MediaInfo> ProbeAsync(string path)
    {
        var json = JsonDocument.Parse(await RunAsync("ffprobe", "-v", "error", "-print_format", "json", "-show_streams", "-show_format", path)).RootElement;
        var streams = json.GetProperty("streams").EnumerateArray().ToList();
        var video = streams.Single(s => s.GetProperty("codec_type").GetString() == "video");
        var audio = streams.Single(s => s.GetProperty("codec_type").GetString() == "audio");
        return new MediaInfo(
            video.GetProperty("codec_name").GetString()!,
            audio.GetProperty("codec_name").GetString()!,
            video.GetProperty("width").GetInt32(),
            video.GetProperty("height").GetInt32(),
            double.Parse(json.GetProperty("format").GetProperty("duration").GetString()!, CultureInfo.InvariantCulture));
    }

    /// <summary>Mean volume of the audio track in dBFS (ffmpeg volumedetect).</summary>
    public static async Task<double> MeanVolumeAsync(string path)
    {
        var output = await RunAsync("ffmpeg", "-hide_banner", "-nostats", "-i", path, "-map", "0:a:0", "-af", "volumedetect", "-f", "null", "-");
        var match = MeanVolume().Match(output);
        Assert.True(match.Success, "volumedetect printed no mean volume:\n" + output);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>Mean volume in dBFS of a narrow band around <paramref name="hertz"/> between two times: one tone's level, with little of the speech.</summary>
    public static async Task<double> BandVolumeAsync(string path, double hertz, double from, double to)
    {
        var output = await RunAsync("ffmpeg", "-hide_banner", "-nostats", "-ss", from.ToString("0.###", CultureInfo.InvariantCulture),
            "-t", (to - from).ToString("0.###", CultureInfo.InvariantCulture), "-i", path, "-map", "0:a:0",
            "-af", $"bandpass=f={hertz.ToString(CultureInfo.InvariantCulture)}:width_type=q:w=20,volumedetect", "-f", "null", "-");
        var match = MeanVolume().Match(output);
        Assert.True(match.Success, "volumedetect printed no mean volume:\n" + output);
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The container ffprobe finds (for example "mov,mp4,m4a,3gp,3g2,mj2") and the major brand it declares.</summary>
    public static async Task<string> MajorBrandAsync(string path)
    {
        var json = JsonDocument.Parse(await RunAsync("ffprobe", "-v", "error", "-print_format", "json", "-show_format", path)).RootElement;
        return json.GetProperty("format").GetProperty("tags").GetProperty("major_brand").GetString()!.Trim();
    }

    /// <summary>Writes a WAV file of a steady sine tone.</summary>
    public static Task ToneAsync(string path, double hertz, double seconds) =>
        RunAsync("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi",
            "-i", $"sine=frequency={hertz.ToString(CultureInfo.InvariantCulture)}:sample_rate=48000:duration={seconds.ToString(CultureInfo.InvariantCulture)}", path);

    /// <summary>The frame at <paramref name="seconds"/>, decoded.</summary>
    public static async Task<SKBitmap> FrameAsync(string path, double seconds)
    {
        var png = Path.Combine(Path.GetTempPath(), $"frame-{Guid.NewGuid():N}.png");
        await RunAsync("ffmpeg", "-hide_banner", "-loglevel", "error", "-ss", seconds.ToString("0.###", CultureInfo.InvariantCulture), "-i", path, "-frames:v", "1", "-y", png);
        try
        {
            return SKBitmap.Decode(png) ?? throw new InvalidOperationException("ffmpeg wrote no frame at " + seconds);
        }
        finally
        {
            File.Delete(png);
        }
    }

    /// <summary>Standard deviation of luminance over a region: near zero for a blank or flat picture.</summary>
    public static double LuminanceSpread(SKBitmap frame, SKRectI region)
    {
        var values = Luminances(frame, region);
        var mean = values.Average();
        return Math.Sqrt(values.Average(v => (v - mean) * (v - mean)));
    }

    /// <summary>Mean luma (BT.601, 0 to 255) over a region.</summary>
    public static double MeanLuminance(SKBitmap frame, SKRectI region) => Luminances(frame, region).Average();

    // Every other pixel each way: enough for a mean or a spread, a quarter of the reads.
    private static List<double> Luminances(SKBitmap frame, SKRectI region)
    {
        var values = new List<double>();
        for (var y = region.Top; y < region.Bottom; y += 2)
        {
            for (var x = region.Left; x < region.Right; x += 2)
            {
                var c = frame.GetPixel(x, y);
                values.Add((0.299 * c.Red) + (0.587 * c.Green) + (0.114 * c.Blue));
            }
        }

        return values;
    }

    private static async Task<string> RunAsync(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} failed: {await stderr}");
        return await stdout + await stderr;
    }

    [GeneratedRegex(@"mean_volume:\s*(-?[\d.]+) dB")]
    private static partial Regex MeanVolume();
}
