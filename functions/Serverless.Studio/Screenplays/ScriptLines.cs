namespace Serverless.Studio.Screenplays;

/// <summary>Splits text into lines at every Unicode line break: CRLF, LF, CR, NEL, LS and PS.</summary>
internal static class ScriptLines
{
    public static IReadOnlyList<string> Split(string text)
    {
        var lines = new List<string>();
        var start = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0;
        for (var i = start; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('\n' or '\r' or '\u0085' or '\u2028' or '\u2029'))
            {
                continue;
            }

            lines.Add(text[start..i]);
            if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                i++;
            }

            start = i + 1;
        }

        lines.Add(text[start..]);
        return lines;
    }
}
