using System.ComponentModel.DataAnnotations;

namespace Serverless.Media;

/// <summary>Where the media tools and fonts are. Bound from the "Media" configuration section.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Folder holding ffmpeg and ffprobe; empty means look them up on PATH.</summary>
    public string FfmpegFolder { get; set; } = "";

    /// <summary>
    /// An extra fonts folder for libass, or empty to find <see cref="SubtitleFont"/> through fontconfig (the
    /// default). libass reads every font of a fonts folder into memory: /usr/share/fonts/opentype/noto cost 125 MB
    /// and 0.3 s CPU a render, against 15 MB through fontconfig, which maps only the face it uses.
    /// </summary>
    [RegularExpression("^[A-Za-z0-9/._-]*$", ErrorMessage = "The fonts folder may hold only letters, digits, '/', '.', '_' and '-'.")]
    public string FontsDirectory { get; set; } = "";

    [Required]
    public string SubtitleFont { get; set; } = "Noto Sans CJK SC";

    /// <summary>"libx264" (CPU) or "h264_nvenc" (the GPU image); the job's x264 preset and CRF are mapped onto NVENC's.</summary>
    [Required]
    [RegularExpression("^(libx264|h264_nvenc)$", ErrorMessage = "Media:VideoEncoder must be libx264 or h264_nvenc.")]
    public string VideoEncoder { get; set; } = "libx264";
}
