namespace Serverless.Media.Footage;

/// <summary>A local footage file with the plan's limits; <see cref="Language"/> a BCP 47 hint (null: English is tried).</summary>
public sealed record FootageSource(string Path, double MaxDurationSeconds, long MaxSizeBytes, string? Language = null);
