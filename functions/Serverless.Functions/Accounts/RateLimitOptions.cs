using System.ComponentModel.DataAnnotations;

namespace Serverless.Functions.Accounts;

/// <summary>
/// Per-user token buckets on <c>/api/</c>: a burst of <see cref="TokenLimit"/> requests, refilled by
/// <see cref="TokensPerPeriod"/> every <see cref="ReplenishmentPeriod"/>. Callers not signed in share a fixed window
/// per client address, which also slows password guessing.
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Auth:RateLimit";

    [Range(1, 1_000_000)]
    public int TokenLimit { get; set; } = 100;

    [Range(1, 1_000_000)]
    public int TokensPerPeriod { get; set; } = 20;

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ReplenishmentPeriod { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1_000_000)]
    public int AnonymousPermitsPerWindow { get; set; } = 60;

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan AnonymousWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Whether admins (the operator's bootstrap keys among them) bypass the limit, e.g. for load tests.</summary>
    public bool ExemptAdmins { get; set; } = true;
}
