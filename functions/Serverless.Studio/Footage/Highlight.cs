namespace Serverless.Studio.Footage;

/// <summary>
/// A span of a footage worth a clip: <see cref="Start"/> and <see cref="End"/> in footage seconds, both in a silence;
/// <see cref="Score"/> 0..1, <see cref="Reason"/> in words, <see cref="Text"/> the transcript inside it (empty where no
/// words were recognized). <see cref="Title"/>, <see cref="Hook"/> and <see cref="SellingPoint"/> come from a chat model
/// when one judged the span (<see cref="ScoredBy"/> then says <see cref="HighlightScorers.Llm"/>).
/// </summary>
public sealed record Highlight(string Id, double Start, double End, double Score, string Reason, string Text)
{
    public string? Title { get; init; }

    /// <summary>The line a clip could open its caption or post with.</summary>
    public string? Hook { get; init; }

    public string? SellingPoint { get; init; }

    /// <summary><see cref="HighlightScorers.Rules"/> or <see cref="HighlightScorers.Llm"/> (rules and a chat model combined).</summary>
    public string ScoredBy { get; init; } = HighlightScorers.Rules;

    public double Seconds => End - Start;
}

/// <summary>What the user asks of the picker: how many clips, how long each, about what.</summary>
public sealed record HighlightRequest(int? Count = null, double? TargetSeconds = null, IReadOnlyList<string>? Keywords = null);

/// <summary>The picker's answer: the highlights, best first, what they are made of, and what the user should know.</summary>
/// <param name="Units"><see cref="HighlightUnits.Sentences"/> or <see cref="HighlightUnits.SpeechRegions"/> (no words to cut by).</param>
public sealed record HighlightPick(IReadOnlyList<Highlight> Highlights, string Units, string? Note);

public static class HighlightUnits
{
    public const string Sentences = "sentences";
    public const string SpeechRegions = "speech_regions";
}

public static class HighlightScorers
{
    public const string Rules = "rules";
    public const string Llm = "llm";
}
