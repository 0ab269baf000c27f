using System.Globalization;

namespace Serverless.Media.Rendering;

/// <summary>The output options, checked before they reach ffmpeg's command line.</summary>
public static class EncoderSettings
{
    private static readonly HashSet<string> X264Presets =
        ["ultrafast", "superfast", "veryfast", "faster", "fast", "medium", "slow", "slower", "veryslow"];

    public static void Validate(VideoOutput output)
    {
        if (output.Width is < 16 or > 7680 || output.Height is < 16 or > 7680 || output.Width % 2 != 0 || output.Height % 2 != 0)
        {
            throw new InvalidRenderJobException($"Output size {output.Width}x{output.Height} must be even and between 16 and 7680 pixels.");
        }

        if (!X264Presets.Contains(output.Preset))
        {
            throw new InvalidRenderJobException($"Encoder preset '{output.Preset}' is not an x264 preset.");
        }

        if (output.Crf is < 0 or > 51)
        {
            throw new InvalidRenderJobException($"CRF {output.Crf} is outside 0-51.");
        }

        if (output.MaxRateKbps is < 100 or > 200_000 || output.BufSizeKbits is < 100 or > 400_000)
        {
            throw new InvalidRenderJobException($"Bitrate ceiling {output.MaxRateKbps} kb/s (buffer {output.BufSizeKbits} kb) is outside 100-200000.");
        }

        if (output.Loudness is { } loudness && (!double.IsFinite(loudness.Lufs) || loudness.Lufs is < -40 or > -5
            || !double.IsFinite(loudness.TruePeakDb) || loudness.TruePeakDb is < -9 or > 0))
        {
            throw new InvalidRenderJobException($"Loudness target {loudness.Lufs} LUFS / {loudness.TruePeakDb} dBTP is outside -40..-5 LUFS / -9..0 dBTP.");
        }

        if (output.AudioBitrateKbps is < 32 or > 512)
        {
            throw new InvalidRenderJobException($"Audio bitrate {output.AudioBitrateKbps} kb/s is outside 32-512.");
        }
    }

    public static string Arguments(VideoOutput output, string videoEncoder) => string.Create(CultureInfo.InvariantCulture,
        $"{Video(output, videoEncoder)}{Ceiling(output)} -pix_fmt yuv420p -r {output.FramesPerSecond} " +
        $"-c:a aac -b:a {output.AudioBitrateKbps}k -ar 48000 -movflags +faststart");

    private static string Video(VideoOutput output, string videoEncoder) => videoEncoder switch
    {
        "h264_nvenc" => string.Create(CultureInfo.InvariantCulture,
            $"-c:v h264_nvenc -preset {NvencPreset(output.Preset)} -tune hq -rc vbr -cq {output.Crf} -b:v 0 -profile:v high"),
        _ => string.Create(CultureInfo.InvariantCulture, $"-c:v libx264 -preset {output.Preset} -crf {output.Crf}"),
    };

    /// <summary>With CRF (or NVENC's CQ), the VBV only caps the busy stretches; the buffer defaults to two seconds at the ceiling.</summary>
    private static string Ceiling(VideoOutput output) => output.MaxRateKbps is { } max
        ? string.Create(CultureInfo.InvariantCulture, $" -maxrate {max}k -bufsize {output.BufSizeKbits ?? max * 2}k")
        : "";

    /// <summary>NVENC's p1 (fastest) to p7 (best) against x264's speed presets.</summary>
    private static string NvencPreset(string x264Preset) => x264Preset switch
    {
        "ultrafast" or "superfast" => "p1",
        "veryfast" => "p2",
        "faster" => "p3",
        "fast" => "p4",
        "medium" => "p5",
        "slow" => "p6",
        _ => "p7",
    };
}
