namespace Serverless.Studio.Screenplays;

/// <summary>Estimated seconds of screen time for a line, before any speech has been synthesized.</summary>
public static class SpeechTiming
{
    public const double CjkCharactersPerSecond = 4.5;
    public const double WordsPerSecond = 2.5;

    /// <summary>Shorter than this and a subtitle cannot be read, however short the line.</summary>
    public const double MinimumSeconds = 1.5;

    public const double ActionMinimumSeconds = 2.0;
    public const double ActionMaximumSeconds = 3.0;

    /// <summary>Seconds needed to say <paramref name="text"/> at a natural pace.</summary>
    public static double Spoken(string text)
    {
        var units = TextUnits.Count(text);
        var seconds = (units.CjkCharacters / CjkCharactersPerSecond) + (units.Words / WordsPerSecond);
        return Math.Max(MinimumSeconds, Math.Round(seconds, 1, MidpointRounding.AwayFromZero));
    }

    /// <summary>An action holds the screen 2-3 s: longer descriptions get a little more time to register.</summary>
    public static double Action(string text)
    {
        var units = TextUnits.Count(text);
        var weight = (units.CjkCharacters + (2 * units.Words)) / 30.0;
        var seconds = ActionMinimumSeconds + Math.Min(1.0, weight) * (ActionMaximumSeconds - ActionMinimumSeconds);
        return Math.Round(seconds, 1, MidpointRounding.AwayFromZero);
    }
}
