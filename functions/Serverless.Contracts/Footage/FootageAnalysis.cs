using Serverless.Captions;

namespace Serverless.Contracts.Footage;

/// <summary>
/// What the worker measured in a footage (analysis.json, in <see cref="JobJson"/>'s shape). Curves hold one value per
/// whole second of the footage, from second 0.
/// </summary>
public sealed record FootageAnalysis
{
    public required double DurationSeconds { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required FootageTranscript Transcript { get; init; }
    public IReadOnlyList<SpeechSpan> SpeechRegions { get; init; } = [];

    /// <summary>Seconds at which the picture cuts to another scene.</summary>
    public IReadOnlyList<double> SceneChanges { get; init; } = [];

    /// <summary>EBU R128 momentary loudness (LUFS), the loudest reading within each second; silence is -70.</summary>
    public IReadOnlyList<double> LoudnessPerSecond { get; init; } = [];

    /// <summary>The share of each second (0..1) the voice detector heard speech, weighted by its loudness.</summary>
    public IReadOnlyList<double> SpeechEnergyPerSecond { get; init; } = [];

    /// <summary>Mean frame-to-frame picture change (0..1) within each second.</summary>
    public IReadOnlyList<double> MotionPerSecond { get; init; } = [];
}

/// <summary>The words heard, by whom: <see cref="Source"/> is one of <see cref="TranscriptSources"/>.</summary>
public sealed record FootageTranscript
{
    public required string Source { get; init; }
    public required string Language { get; init; }

    /// <summary>Each word at absolute footage seconds.</summary>
    public IReadOnlyList<CueWord> Words { get; init; } = [];

    /// <summary>Why words are missing or partial, in plain words; null when nothing needs saying.</summary>
    public string? Note { get; init; }
}

public static class TranscriptSources
{
    public const string Pocketsphinx = "pocketsphinx";
    public const string AzureOpenAi = "azure-openai";
    public const string None = "none";
}

/// <summary>A region the voice detector heard speech in, in footage seconds.</summary>
public sealed record SpeechSpan(double Start, double End);
