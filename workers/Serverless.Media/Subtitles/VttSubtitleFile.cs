using System.Globalization;
using System.Text;

namespace Serverless.Media.Subtitles;

/// <summary>A WebVTT sidecar for HTML5 players; each word said after its cue starts carries an inline timestamp.</summary>
public static class VttSubtitleFile
{
    public static string Build(IReadOnlyList<SubtitleCue> cues)
    {
        var text = new StringBuilder("WEBVTT\n\n");
        foreach (var cue in SidecarCues.Valid(cues))
        {
            text.Append(CultureInfo.InvariantCulture, $"{Time(cue.Start)} --> {Time(cue.End)}\n{Timed(cue)}\n\n");
        }

        return text.ToString();
    }

    /// <summary>
    /// The cue's text with '&lt;' and '&amp;' escaped (they start tags and entities) and a timestamp before each word said
    /// strictly inside the cue (the only place the format allows one).
    /// </summary>
    private static string Timed(SubtitleCue cue)
    {
        var text = SidecarCues.Text(cue);
        var timed = new StringBuilder();
        var cursor = string.IsNullOrWhiteSpace(cue.Speaker) ? 0 : text.IndexOf('：', StringComparison.Ordinal) + 1;
        timed.Append(Escaped(text[..cursor]));
        foreach (var word in cue.Words ?? [])
        {
            var shown = SubtitleText.Clean(word.Text);
            var at = shown.Length == 0 ? -1 : text.IndexOf(shown, cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            timed.Append(Escaped(text[cursor..at]));
            if (word.Start > cue.Start && word.Start < cue.End)
            {
                timed.Append('<').Append(Time(word.Start)).Append('>');
            }

            timed.Append(Escaped(shown));
            cursor = at + shown.Length;
        }

        return timed.Append(Escaped(text[cursor..])).ToString();
    }

    private static string Escaped(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Time(double seconds)
    {
        var ms = (long)Math.Round(Math.Max(0, seconds) * 1000, MidpointRounding.AwayFromZero);
        return string.Create(CultureInfo.InvariantCulture, $"{ms / 3600000:00}:{ms / 60000 % 60:00}:{ms / 1000 % 60:00}.{ms % 1000:000}");
    }
}
