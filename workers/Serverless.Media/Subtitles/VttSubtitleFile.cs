using System.Globalization;
using System.Text;

namespace Serverless.Media.Subtitles;

/// <summary>A WebVTT sidecar for HTML5 players.</summary>
public static class VttSubtitleFile
{
    public static string Build(IReadOnlyList<SubtitleCue> cues)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        foreach (var cue in SidecarCues.Valid(cues))
        {
            // '<' and '&' start tags and entities in WebVTT cue text.
            var body = SidecarCues.Text(cue).Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);
            text.Append(CultureInfo.InvariantCulture, $"{Time(cue.Start)} --> {Time(cue.End)}\n{body}\n\n");
        }

        return text.ToString();
    }

    private static string Time(double seconds)
    {
        var ms = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3600000:00}:{ms / 60000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
    }
}
