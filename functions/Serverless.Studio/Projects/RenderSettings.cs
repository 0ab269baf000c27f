using Serverless.Contracts.Rendering;
using Serverless.Studio.Pipeline;

namespace Serverless.Studio.Projects;

/// <summary>
/// Body of <c>POST .../render/final</c>: size, platform and look of the video (null fields take the project's aspect
/// ratio at 1080p, MP4, classic subtitles, no watermark, no music). <see cref="Music"/> is a catalog track id or category.
/// </summary>
public sealed record RenderSettings(
    string? Resolution = null,
    string? Format = null,
    string? PlatformPreset = null,
    string? SubtitleStyle = null,
    WatermarkSettings? Watermark = null,
    string? Music = null);

/// <summary>What each platform preset and resolution means in pixels and encoder settings.</summary>
public static class RenderPresets
{
    /// <summary>Platform presets and their aspect ratios (DESIGN section 6).</summary>
    public static readonly IReadOnlyDictionary<string, string> Platforms = new Dictionary<string, string>
    {
        ["douyin"] = "9:16",
        ["kuaishou"] = "9:16",
        ["youtube-shorts"] = "9:16",
        ["bilibili"] = "16:9",
        ["square"] = "1:1",
    };

    /// <summary>Resolutions by the length of the frame's short side.</summary>
    public static readonly IReadOnlyDictionary<string, int> Resolutions = new Dictionary<string, int>
    {
        ["720p"] = 720,
        ["1080p"] = 1080,
        ["4k"] = 2160,
    };

    /// <summary>
    /// A small, fast render to check timing and pictures, as the worker's presets make it (<see cref="OutputPresets"/>:
    /// 540 px on the short side, 15 fps, the fastest x264 preset).
    /// </summary>
    public static RenderOutput Preview(string aspectRatio)
    {
        var (width, height) = Scaled(aspectRatio, OutputPresets.PreviewShortSide);
        return OutputPresets.Preview(width, height);
    }

    public static RenderOutput Final(string aspectRatio, string resolution)
    {
        var (width, height) = Scaled(aspectRatio, Resolutions[resolution]);
        return OutputPresets.Final(width, height);
    }

    private static (int Width, int Height) Scaled(string aspectRatio, int shortSide)
    {
        var (width, height) = VideoFormat.SizeOf(aspectRatio);
        var scale = (double)shortSide / Math.Min(width, height);

        // Even dimensions: x264 with yuv420p refuses odd ones.
        static int Even(double value) => (int)Math.Round(value / 2) * 2;
        return (Even(width * scale), Even(height * scale));
    }
}
