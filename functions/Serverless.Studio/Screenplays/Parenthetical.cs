namespace Serverless.Studio.Screenplays;

/// <summary>
/// What the parentheses after a speaker's name say: off-screen markers (<c>O.S.</c>, <c>V.O.</c>,
/// <c>画外音</c>) and the Fountain <c>CONT'D</c> are direction for the edit; the rest is the emotion.
/// </summary>
internal static class Parenthetical
{
    private static readonly HashSet<string> OffScreenMarkers = new(StringComparer.OrdinalIgnoreCase)
    {
        "O.S.", "O.S", "OS", "O.C.", "O.C", "OC", "V.O.", "V.O", "VO", "OFF", "OFF-SCREEN", "OFFSCREEN", "OFF SCREEN",
        "VOICE-OVER", "VOICE OVER", "画外", "画外音", "幕后", "画外声",
    };

    private static readonly HashSet<string> Continuations = new(StringComparer.OrdinalIgnoreCase)
    {
        "CONT'D", "CONT’D", "CONTD", "CONT.", "CONTINUED", "续",
    };

    private static readonly char[] Separators = [',', '，', '、', ';', '；'];

    public static (string? Emotion, bool OffScreen) Interpret(string? content)
    {
        if (string.IsNullOrWhiteSpace(content))
        {
            return (null, false);
        }

        var parts = content.Split(Separators, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var offScreen = parts.Any(OffScreenMarkers.Contains);
        var rest = parts.Where(p => !OffScreenMarkers.Contains(p) && !Continuations.Contains(p)).ToArray();
        if (rest.Length == parts.Length)
        {
            // Nothing removed: keep the writer's wording and punctuation as is.
            return (content.Trim(), false);
        }

        return (rest.Length == 0 ? null : string.Join(", ", rest), offScreen);
    }
}
