namespace Serverless.Media.Subtitles;

/// <summary>A subtitle shown from <see cref="Start"/> to <see cref="End"/> seconds on the final timeline.</summary>
public sealed record SubtitleCue(double Start, double End, string Text, string? Speaker = null);
