namespace Serverless.Media.Rendering;

/// <summary>The files a render produced, all inside the request's work directory.</summary>
public sealed record RenderResult(
    string VideoPath,
    string ThumbnailPath,
    string? SrtPath,
    string? VttPath,
    double DurationSeconds,
    TimeSpan Elapsed,
    Quality.LeveledSound? Sound = null);
