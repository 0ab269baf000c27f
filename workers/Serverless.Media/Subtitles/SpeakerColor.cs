using System.Globalization;

namespace Serverless.Media.Subtitles;

/// <summary>A stable, readable colour per speaker name, so a character keeps its colour across a video.</summary>
internal static class SpeakerColor
{
    private static readonly (byte R, byte G, byte B)[] Palette =
    [
        (255, 214, 102), (129, 212, 250), (165, 214, 167), (244, 143, 177), (206, 147, 216), (255, 171, 145),
    ];

    public static string Ass(string speaker)
    {
        var hash = 17u;
        foreach (var c in speaker)
        {
            hash = unchecked(hash * 31 + c);
        }

        var (r, g, b) = Palette[hash % Palette.Length];
        return string.Create(CultureInfo.InvariantCulture, $"&H{b:X2}{g:X2}{r:X2}&");
    }
}
