using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Footage;

/// <summary>How the highlight picker cuts and chooses spans of a footage (<c>Footage:Highlights</c>).</summary>
public sealed class HighlightOptions
{
    public const string Section = "Footage:Highlights";

    /// <summary>Shortest highlight, in seconds: shorter than this a clip says nothing.</summary>
    [Range(3.0, 180.0)]
    public double MinSeconds { get; set; } = 15;

    /// <summary>Longest highlight, in seconds: short-video feeds lose viewers past this (the worker renders at most 180).</summary>
    [Range(3.0, 180.0)]
    public double MaxSeconds { get; set; } = 60;

    /// <summary>
    /// Silence kept between a cut and any speech: no voice detected, and no recognized word, within this of a cut.
    /// </summary>
    [Range(0.02, 1.0)]
    public double CutMarginSeconds { get; set; } = 0.08;

    /// <summary>A pause of at least this long between two words ends a sentence even without punctuation (ASR gives none).</summary>
    [Range(0.1, 5.0)]
    public double SentencePauseSeconds { get; set; } = 0.35;

    /// <summary>Room given before the first word and after the last when the silence allows it, so fades fall on no speech.</summary>
    [Range(0.0, 2.0)]
    public double LeadSeconds { get; set; } = 0.25;

    /// <summary>Highlights picked when the request names neither a count nor a target length.</summary>
    [Range(1, 50)]
    public int DefaultCount { get; set; } = 5;

    /// <summary>Most highlights one request may ask for.</summary>
    [Range(1, 200)]
    public int MaxCount { get; set; } = 20;
}
