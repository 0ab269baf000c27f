using System.Text;

namespace Serverless.Media.Subtitles;

/// <summary>User text made inert for subtitle formats: no override tags, no control characters, one line.</summary>
internal static class SubtitleText
{
    public static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            if (Rune.IsControl(rune))
            {
                builder.Append(' ');
                continue;
            }

            builder.Append(rune.ToString());
        }

        return string.Join(' ', builder.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>
    /// ASS reads <c>{...}</c> as override tags and backslash sequences as commands; the full-width forms look
    /// the same to a viewer and mean nothing to libass.
    /// </summary>
    public static string ForAss(string text) =>
        text.Replace('\\', '＼').Replace('{', '｛').Replace('}', '｝');
}
