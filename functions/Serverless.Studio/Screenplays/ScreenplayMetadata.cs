namespace Serverless.Studio.Screenplays;

/// <summary>Totals over a parsed screenplay; <see cref="EstimatedDuration"/> is in seconds.</summary>
public sealed record ScreenplayMetadata(int TotalScenes, int TotalShots, double EstimatedDuration);
