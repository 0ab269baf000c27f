using System.Globalization;
using System.Text;

namespace Serverless.Studio.Subtitles;

/// <summary>
/// Subtitles written as SubRip (<c>.srt</c>) or WebVTT (<c>.vtt</c>) files. WebVTT carries each word's time as an inline
/// timestamp (<c>&lt;00:00:01.200&gt;word</c>), which players use for karaoke-style captions; SubRip has no such thing.
/// </summary>
public static class SubtitleFiles
{
    public const string SrtContentType = "application/x-subrip; charset=utf-8";
    public const string VttContentType = "text/vtt; charset=utf-8";

    public static string Srt(IReadOnlyList<Subtitle> cues) => Write(cues, header: null, decimalMark: ',', numbered: true, cue => cue.Text);

    public static string Vtt(IReadOnlyList<Subtitle> cues) => Write(cues, header: "WEBVTT", decimalMark: '.', numbered: false, TimedText);

    private static string Write(IReadOnlyList<Subtitle> cues, string? header, char decimalMark, bool numbered, Func<Subtitle, string> body)
    {
        ArgumentNullException.ThrowIfNull(cues);
        var file = new StringBuilder();
        if (header is not null)
        {
            file.Append(header).Append("\n\n");
        }

        for (var i = 0; i < cues.Count; i++)
        {
            var cue = cues[i];
            file.Append(numbered ? (i + 1).ToString(CultureInfo.InvariantCulture) : cue.Id).Append('\n');
            file.Append(Time(cue.Start, decimalMark)).Append(" --> ").Append(Time(cue.End, decimalMark)).Append('\n');

            // A blank line ends a cue in both formats, so the text never carries one.
            foreach (var line in body(cue).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0))
            {
                file.Append(line).Append('\n');
            }

            file.Append('\n');
        }

        return file.ToString();
    }

    /// <summary>
    /// The cue's text for WebVTT: '&lt;' and '&amp;' escaped (they start tags and entities), and a timestamp before each word
    /// said after the cue starts (the format allows them only strictly inside the cue).
    /// </summary>
    private static string TimedText(Subtitle cue)
    {
        var text = new StringBuilder();
        var cursor = 0;
        foreach (var word in cue.Words ?? [])
        {
            var at = word.Text.Length == 0 ? -1 : cue.Text.IndexOf(word.Text, cursor, StringComparison.Ordinal);
            if (at < 0)
            {
                continue;
            }

            text.Append(Escaped(cue.Text[cursor..at]));
            if (word.Start > cue.Start && word.Start < cue.End)
            {
                text.Append('<').Append(Time(word.Start, '.')).Append('>');
            }

            text.Append(Escaped(word.Text));
            cursor = at + word.Text.Length;
        }

        return text.Append(Escaped(cue.Text[cursor..])).ToString();
    }

    private static string Escaped(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal);

    private static string Time(double seconds, char decimalMark)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{decimalMark}{t.Milliseconds:000}");
    }
}
