using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Footage;

/// <summary>How a chat model judges the picked highlights when one serves the footage's owner (<c>Footage:Highlights:Judge</c>).</summary>
public sealed class HighlightJudgeOptions
{
    public const string Section = "Footage:Highlights:Judge";

    /// <summary>Off, highlights are scored by rules only even where a chat model is available.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The chat model asked (one of the user's providers' models); empty, the first the routing offers.</summary>
    [MaxLength(100)]
    public string? Model { get; set; }

    /// <summary>Most highlights sent in one judgement, best by rules first; the rest keep the rules' score.</summary>
    [Range(1, 50)]
    public int MaxCandidates { get; set; } = 20;

    /// <summary>Characters of one highlight's transcript sent; a longer one is cut at a word and marked.</summary>
    [Range(100, 4000)]
    public int MaxCharactersPerCandidate { get; set; } = 1200;

    /// <summary>Characters of transcript in one judgement, all candidates together: no candidate past it is sent.</summary>
    [Range(500, 60000)]
    public int MaxCharacters { get; set; } = 16000;

    /// <summary>The model's share of a judged highlight's score; the rules keep the rest, so a price said still counts.</summary>
    [Range(0.0, 1.0)]
    public double Weight { get; set; } = 0.6;
}
