using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Pipeline;

/// <summary>A watermark as a user asks for it: a line of text at a corner (top_left, top_right, bottom_left, bottom_right).</summary>
public sealed record WatermarkSettings(string? Text = null, string? Position = null, double? Opacity = null);

/// <summary>Checks and translates what a user may ask of a video's look: subtitle preset, watermark, container format.</summary>
public static class VideoLook
{
    public static readonly IReadOnlyDictionary<string, WatermarkCorner> Corners = new Dictionary<string, WatermarkCorner>
    {
        ["top_left"] = WatermarkCorner.TopLeft,
        ["top_right"] = WatermarkCorner.TopRight,
        ["bottom_left"] = WatermarkCorner.BottomLeft,
        ["bottom_right"] = WatermarkCorner.BottomRight,
    };

    public static readonly IReadOnlyDictionary<string, VideoContainer> Formats = new Dictionary<string, VideoContainer>
    {
        ["mp4"] = VideoContainer.Mp4,
        ["mov"] = VideoContainer.Mov,
    };

    /// <returns>The first field that is wrong and what it should be, or null when all is well.</returns>
    public static (string Field, string Expected)? Problem(string? subtitleStyle, WatermarkSettings? watermark, string? format)
    {
        if (subtitleStyle is not null && !SubtitlePresets.All.Contains(subtitleStyle))
        {
            return ("subtitle_style", $"one of {string.Join(", ", SubtitlePresets.All)}");
        }

        if (format is not null && !Formats.ContainsKey(format))
        {
            return ("format", $"one of {string.Join(", ", Formats.Keys)}");
        }

        if (watermark is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(watermark.Text) || watermark.Text.Trim().Length > RenderWatermark.MaxTextLength || watermark.Text.Any(char.IsControl))
        {
            return ("watermark.text", $"required: 1 to {RenderWatermark.MaxTextLength} characters on one line");
        }

        if (watermark.Position is { } position && !Corners.ContainsKey(position))
        {
            return ("watermark.position", $"one of {string.Join(", ", Corners.Keys)}");
        }

        return watermark.Opacity is < 0.05 or > 1 ? ("watermark.opacity", "between 0.05 and 1") : null;
    }

    /// <summary>The job's watermark for settings that passed <see cref="Problem"/>.</summary>
    public static RenderWatermark? Watermark(WatermarkSettings? settings) => settings is null
        ? null
        : new RenderWatermark
        {
            Text = settings.Text!.Trim(),
            Position = settings.Position is { } p ? Corners[p] : WatermarkCorner.TopRight,
            Opacity = settings.Opacity ?? 0.6,
        };
}
