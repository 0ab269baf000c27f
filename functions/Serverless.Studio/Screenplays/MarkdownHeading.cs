namespace Serverless.Studio.Screenplays;

/// <summary>ATX headings (<c>## text</c>) and the block markers (lists, quotes) around Markdown lines.</summary>
internal static class MarkdownHeading
{
    public static bool TryParse(string line, out int level, out string text)
    {
        level = 0;
        text = string.Empty;
        while (level < line.Length && line[level] == '#')
        {
            level++;
        }

        if (level is 0 or > 6 || level >= line.Length || !char.IsWhiteSpace(line[level]))
        {
            return false;
        }

        text = line[level..].Trim().TrimEnd('#').Trim();
        return text.Length > 0;
    }

    /// <summary>"- 小明: 你好", "> 旁白: ..." and "1. ..." read as the line after the marker.</summary>
    public static string StripBlockMarker(string line)
    {
        if (line.Length > 2 && line[0] is '-' or '+' or '>' or '•' && char.IsWhiteSpace(line[1]))
        {
            return line[2..].TrimStart();
        }

        if (line.Length > 2 && line[0] == '*' && char.IsWhiteSpace(line[1]))
        {
            return line[2..].TrimStart();
        }

        var digits = 0;
        while (digits < line.Length && digits < 4 && char.IsAsciiDigit(line[digits]))
        {
            digits++;
        }

        if (digits > 0 && digits + 1 < line.Length && line[digits] is '.' or ')' && char.IsWhiteSpace(line[digits + 1]))
        {
            return line[(digits + 2)..].TrimStart();
        }

        return line;
    }
}
