using System.Globalization;
using System.Text;

namespace Serverless.Studio.Subtitles;

/// <summary>Subtitles written as SubRip (<c>.srt</c>) or WebVTT (<c>.vtt</c>) files.</summary>
public static class SubtitleFiles
{
    public const string SrtContentType = "application/x-subrip; charset=utf-8";
    public const string VttContentType = "text/vtt; charset=utf-8";

    public static string Srt(IReadOnlyList<Subtitle> cues) => Write(cues, header: null, decimalMark: ',', numbered: true);

    public static string Vtt(IReadOnlyList<Subtitle> cues) => Write(cues, header: "WEBVTT", decimalMark: '.', numbered: false);

    private static string Write(IReadOnlyList<Subtitle> cues, string? header, char decimalMark, bool numbered)
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
            foreach (var line in cue.Text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0))
            {
                file.Append(line).Append('\n');
            }

            file.Append('\n');
        }

        return file.ToString();
    }

    private static string Time(double seconds, char decimalMark)
    {
        var t = TimeSpan.FromMilliseconds(Math.Round(seconds * 1000));
        return string.Create(CultureInfo.InvariantCulture, $"{(int)t.TotalHours:00}:{t.Minutes:00}:{t.Seconds:00}{decimalMark}{t.Milliseconds:000}");
    }
}
