using Serverless.Contracts.Rendering;
using Serverless.Studio.Pipeline;

namespace Serverless.Studio.Projects;

/// <summary>
/// Body of <c>POST .../render/final</c>: size, platform and look of the video (null fields take the project's aspect
/// ratio at 1080p, MP4, classic subtitles, no watermark, no music, no budget). <see cref="Music"/> is a catalog track id or
/// category; <see cref="Budget"/> the most, in USD, its provider calls may cost.
/// </summary>
public sealed record RenderSettings(
    string? Resolution = null,
    string? Format = null,
    string? PlatformPreset = null,
    string? SubtitleStyle = null,
    WatermarkSettings? Watermark = null,
    string? Music = null,
    decimal? Budget = null);

/// <summary>
/// Resolutions by name, and the platform presets as the app offers them: read from the one table in Contracts
/// (<see cref="PlatformPresets"/>, <see cref="OutputPresets"/>), which the worker and the benchmark read too.
/// </summary>
public static class RenderPresets
{
    /// <summary>Platform presets and their aspect ratios.</summary>
    public static IReadOnlyDictionary<string, string> Platforms { get; } =
        PlatformPresets.All.ToDictionary(p => p.Name, p => p.AspectRatio);

    /// <summary>Resolutions by the length of the frame's short side.</summary>
    public static readonly IReadOnlyDictionary<string, int> Resolutions = new Dictionary<string, int>
    {
        ["720p"] = 720,
        ["1080p"] = 1080,
        ["4k"] = 2160,
    };

    /// <summary>
    /// A small, fast render to check timing and pictures (<see cref="OutputPresets"/>: 540 px on the short side, 15 fps,
    /// the fastest x264 preset), with the platform's loudness, ceilings and safe area when one is named.
    /// </summary>
    public static RenderOutput Preview(string aspectRatio, string? platform = null) =>
        platform is null
            ? OutputPresets.ForAspectRatio(aspectRatio, RenderMode.Preview)
            : OutputPresets.For(platform, RenderMode.Preview);

    public static RenderOutput Final(string aspectRatio, string resolution, string? platform = null) =>
        platform is null
            ? OutputPresets.ForAspectRatio(aspectRatio, RenderMode.Final, Resolutions[resolution])
            : OutputPresets.For(platform, RenderMode.Final, Resolutions[resolution]);
}
