using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Accounts;

/// <summary>Plans, their video quotas and the lifetime of sign-in sessions.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";
    private const long Megabyte = 1024 * 1024;

    /// <summary>Plans by name. Configuration adds plans or overrides these defaults.</summary>
    public Dictionary<string, PlanOptions> Plans { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        // Where a new account waits until its address is verified: too little to be worth making accounts for.
        ["unverified"] = new()
        {
            VideosPerMonth = 1, UnitsPerMonth = 10, MaxRunningTasks = 1, MaxDurationSeconds = 60,
            MaxFootageSeconds = 600, MaxFootageBytes = 500L * Megabyte, MaxClipsPerRequest = 3,
        },
        ["free"] = new()
        {
            VideosPerMonth = 10, UnitsPerMonth = 200, MaxRunningTasks = 3, MaxDurationSeconds = 300,
            MaxFootageSeconds = 1800, MaxFootageBytes = 2048L * Megabyte, MaxClipsPerRequest = 10,
        },
        ["creator"] = new()
        {
            VideosPerMonth = 100, UnitsPerMonth = 2_000, MaxRunningTasks = 5,
            MaxFootageSeconds = 3600, MaxFootageBytes = 4096L * Megabyte, MaxClipsPerRequest = 20,
        },
        ["team"] = new()
        {
            VideosPerMonth = 1000, UnitsPerMonth = 20_000, MaxRunningTasks = 20,
            MaxFootageSeconds = 7200, MaxFootageBytes = 8192L * Megabyte, MaxClipsPerRequest = 50,
        },
        ["operator"] = new() { VideosPerMonth = null, UnitsPerMonth = null, MaxRunningTasks = null },
    };

    /// <summary>The plan an account moves to when its e-mail address is verified.</summary>
    [Required]
    public string DefaultPlan { get; set; } = "free";

    /// <summary>The plan a new account starts on, until its address is verified.</summary>
    [Required]
    public string UnverifiedPlan { get; set; } = "unverified";

    /// <summary>How long a verification link works.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "30.00:00:00")]
    public TimeSpan VerificationLinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// The plan of a user id with no account: the operator's bootstrap keys from configuration, and scripts dropped
    /// into the incoming container by whoever holds storage access.
    /// </summary>
    [Required]
    public string UnregisteredPlan { get; set; } = "operator";

    /// <summary>How long a refresh token (and so a sign-in session) lives without being used.</summary>
    [Range(typeof(TimeSpan), "00:05:00", "365.00:00:00")]
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Most API keys one user may hold at once.</summary>
    [Range(1, 1000)]
    public int MaxApiKeysPerUser { get; set; } = 20;

    /// <summary>What a caller refused for running too many tasks at once is told to wait before trying again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RunningTasksRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// A task still counted as running after this long is counted no more: an orchestration that died without recording
    /// its end must not hold a user's slot for ever.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RunningTaskLifetime { get; set; } = TimeSpan.FromHours(6);

    /// <summary>Wrong passwords one account may take within <see cref="FailedSignInWindow"/>, from any address, before sign-in waits.</summary>
    [Range(1, 1000)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FailedSignInWindow { get; set; } = TimeSpan.FromMinutes(15);

    public PlanOptions Plan(string name) =>
        Plans.TryGetValue(name, out var plan) ? plan : throw new InvalidOperationException($"Plan '{name}' is not configured.");
}

public sealed class PlanOptions
{
    /// <summary>Videos a user may start per calendar month (UTC); null means no limit.</summary>
    [Range(0, 10_000_000)]
    public int? VideosPerMonth { get; set; }

    /// <summary>
    /// Billed units per calendar month (UTC) for the work done apart from a video: one per shot drawn
    /// (<c>generate-images</c>, a shot's regeneration), one per spoken line recorded (<c>generate-dialogues</c>) and one
    /// per storyboard planned. Null means no limit.
    /// </summary>
    [Range(0, 100_000_000)]
    public int? UnitsPerMonth { get; set; }

    /// <summary>Tasks (videos, renders, storyboards, pictures, voices) one user may have running at once; null means no limit.</summary>
    [Range(1, 10_000)]
    public int? MaxRunningTasks { get; set; }

    /// <summary>Seconds of video one storyboard may plan on this plan, under <c>Limits:MaxDurationSeconds</c>; null: that limit alone.</summary>
    [Range(1, 86_400)]
    public double? MaxDurationSeconds { get; set; }

    /// <summary>Seconds of one uploaded footage, under <c>Footage:MaxDurationSeconds</c>; null: that limit alone.</summary>
    [Range(1, 86_400)]
    public double? MaxFootageSeconds { get; set; }

    /// <summary>Bytes of one uploaded footage file, under <c>Footage:MaxSizeBytes</c>; null: that limit alone.</summary>
    [Range(1, long.MaxValue)]
    public long? MaxFootageBytes { get; set; }

    /// <summary>Clips one request may render of a footage (each a billed unit); null: <c>Footage:Highlights:MaxCount</c>.</summary>
    [Range(1, 1000)]
    public int? MaxClipsPerRequest { get; set; }
}
