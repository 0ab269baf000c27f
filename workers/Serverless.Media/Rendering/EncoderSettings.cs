using System.Globalization;

namespace Serverless.Media.Rendering;

/// <summary>The output options, checked before they reach ffmpeg's command line.</summary>
internal static class EncoderSettings
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

        if (output.AudioBitrateKbps is < 32 or > 512)
        {
            throw new InvalidRenderJobException($"Audio bitrate {output.AudioBitrateKbps} kb/s is outside 32-512.");
        }
    }

    public static string Arguments(VideoOutput output, string videoEncoder) => string.Create(CultureInfo.InvariantCulture,
        $"{Video(output, videoEncoder)} -pix_fmt yuv420p -r {output.FramesPerSecond} " +
        $"-c:a aac -b:a {output.AudioBitrateKbps}k -ar 48000 -movflags +faststart");

    private static string Video(VideoOutput output, string videoEncoder) => videoEncoder switch
    {
        "h264_nvenc" => string.Create(CultureInfo.InvariantCulture,
            $"-c:v h264_nvenc -preset {NvencPreset(output.Preset)} -tune hq -rc vbr -cq {output.Crf} -b:v 0 -profile:v high"),
        _ => string.Create(CultureInfo.InvariantCulture, $"-c:v libx264 -preset {output.Preset} -crf {output.Crf}"),
    };

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
