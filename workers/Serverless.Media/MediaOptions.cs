using System.ComponentModel.DataAnnotations;

namespace Serverless.Media;

/// <summary>Where the media tools and fonts are. Bound from the "Media" configuration section.</summary>
public sealed class MediaOptions
{
    public const string Section = "Media";

    /// <summary>Folder holding ffmpeg and ffprobe; empty means look them up on PATH.</summary>
    public string FfmpegFolder { get; set; } = "";

    /// <summary>Fonts libass may use; must hold "Noto Sans CJK SC" for Chinese subtitles.</summary>
    [Required]
    [RegularExpression("^[A-Za-z0-9/._-]+$", ErrorMessage = "The fonts folder may hold only letters, digits, '/', '.', '_' and '-'.")]
    public string FontsDirectory { get; set; } = "/usr/share/fonts/opentype/noto";

    [Required]
    public string SubtitleFont { get; set; } = "Noto Sans CJK SC";
}
