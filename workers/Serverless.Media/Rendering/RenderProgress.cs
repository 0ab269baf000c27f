namespace Serverless.Media.Rendering;

/// <summary>How far ffmpeg has got, from its progress output.</summary>
public readonly record struct RenderProgress(double Percent, TimeSpan Position, TimeSpan? Remaining);
