using Serverless.Captions;
using Serverless.Media.Speech;

namespace Serverless.Media.Footage;

/// <summary>
/// What <see cref="FootageAnalyzer"/> measured and the files it wrote (all under its work folder). Curves hold one
/// value per whole second from second 0. <see cref="Recognizer"/> is null when no offline recognizer knows the
/// language; <see cref="TranscriptNote"/> then says so.
/// </summary>
public sealed record FootageReport
{
    public required double DurationSeconds { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }
    public required string Language { get; init; }
    public string? Recognizer { get; init; }
    public IReadOnlyList<CueWord> Words { get; init; } = [];
    public string? TranscriptNote { get; init; }
    public IReadOnlyList<SpeechSegment> Speech { get; init; } = [];
    public IReadOnlyList<double> SceneChanges { get; init; } = [];
    public IReadOnlyList<double> LoudnessPerSecond { get; init; } = [];
    public IReadOnlyList<double> SpeechEnergyPerSecond { get; init; } = [];
    public IReadOnlyList<double> MotionPerSecond { get; init; } = [];
    public required string AudioPath { get; init; }
    public required string ProxyPath { get; init; }
    public IReadOnlyList<string> ThumbnailPaths { get; init; } = [];
}
