using System.Globalization;
using System.Text.RegularExpressions;

namespace Serverless.Studio.Characters;

/// <summary>Signature colours as <c>#rrggbb</c>, the one form the bible stores.</summary>
public static partial class CharacterColor
{
    [GeneratedRegex("^#?[0-9a-fA-F]{6}$")]
    private static partial Regex Hex();

    /// <summary>Normalises "#AABBCC" or "aabbcc" to "#aabbcc"; false for anything else.</summary>
    public static bool TryNormalize(string? value, out string normalized)
    {
        normalized = "";
        var text = value?.Trim() ?? "";
        if (!Hex().IsMatch(text))
        {
            return false;
        }

        normalized = "#" + text.TrimStart('#').ToLowerInvariant();
        return true;
    }

    public static bool TryParse(string? value, out byte red, out byte green, out byte blue)
    {
        red = green = blue = 0;
        if (!TryNormalize(value, out var hex))
        {
            return false;
        }

        var rgb = int.Parse(hex.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        (red, green, blue) = ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return true;
    }
}
