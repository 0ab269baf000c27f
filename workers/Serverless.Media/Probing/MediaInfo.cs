namespace Serverless.Media.Probing;

/// <summary>What ffprobe says about a file, reduced to what rendering and its tests check.</summary>
public sealed record MediaInfo(
    TimeSpan Duration,
    string? VideoCodec,
    int Width,
    int Height,
    string? PixelFormat,
    string? AudioCodec);
