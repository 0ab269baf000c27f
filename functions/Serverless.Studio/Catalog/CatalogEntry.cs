namespace Serverless.Studio.Catalog;

/// <summary>Kinds of catalog entries; each is one Cosmos partition.</summary>
public static class CatalogKinds
{
    public const string Music = "bgm";
    public const string SoundEffect = "sfx";
    public const string Voice = "voice";
}

/// <summary>
/// One piece of the catalog: a music or sound-effect file (<see cref="Blob"/>) or a speech provider's voice.
/// Stored in <c>catalog</c>, partitioned by <see cref="Kind"/>.
/// </summary>
public sealed record CatalogEntry
{
    public required string Id { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public required string Category { get; init; }
    public string? Blob { get; init; }
    public string? ETag { get; init; }
    public long? SizeBytes { get; init; }
    public string? ContentType { get; init; }
    public string? Provider { get; init; }

    /// <summary>Seconds the file plays (ffprobe); null for voices and files ffmpeg cannot read.</summary>
    public double? DurationSeconds { get; init; }

    /// <summary>EBU R128 integrated loudness in LUFS (ffmpeg ebur128); music is levelled from it.</summary>
    public double? LoudnessLufs { get; init; }
    public required DateTimeOffset IndexedAt { get; init; }
}

/// <summary>What one refresh changed.</summary>
public sealed record CatalogRefreshResult(int Added, int Updated, int Removed, int Unchanged, int Voices);
