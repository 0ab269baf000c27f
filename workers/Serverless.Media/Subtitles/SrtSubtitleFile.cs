using System.Globalization;
using System.Text;

namespace Serverless.Media.Subtitles;

/// <summary>A SubRip sidecar, for players and platforms that take captions as a separate file.</summary>
public static class SrtSubtitleFile
{
    public static string Build(IReadOnlyList<SubtitleCue> cues)
    {
        var text = new StringBuilder();
        var number = 1;
        foreach (var cue in SidecarCues.Valid(cues))
        {
            text.Append(CultureInfo.InvariantCulture, $"{number++}\n{Time(cue.Start)} --> {Time(cue.End)}\n{SidecarCues.Text(cue)}\n\n");
        }

        return text.ToString();
    }

    private static string Time(double seconds)
    {
        var ms = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3600000:00}:{ms / 60000 % 60:00}:{ms / 1000 % 60:00},{ms % 1000:000}");
    }
}
