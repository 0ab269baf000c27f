using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Accounts;

/// <summary>Plans, their video quotas and the lifetime of sign-in sessions.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Plans by name. Configuration adds plans or overrides these defaults.</summary>
    public Dictionary<string, PlanOptions> Plans { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["free"] = new() { VideosPerMonth = 10 },
        ["creator"] = new() { VideosPerMonth = 100 },
        ["team"] = new() { VideosPerMonth = 1000 },
        ["operator"] = new() { VideosPerMonth = null },
    };

    /// <summary>The plan a new account starts on.</summary>
    [Required]
    public string DefaultPlan { get; set; } = "free";

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

    public PlanOptions Plan(string name) =>
        Plans.TryGetValue(name, out var plan) ? plan : throw new InvalidOperationException($"Plan '{name}' is not configured.");
}

public sealed class PlanOptions
{
    /// <summary>Videos a user may start per calendar month (UTC); null means no limit.</summary>
    [Range(0, 10_000_000)]
    public int? VideosPerMonth { get; set; }
}
