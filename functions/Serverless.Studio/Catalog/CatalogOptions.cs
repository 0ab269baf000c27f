using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Catalog;

/// <summary>The media catalog: where its files are and when it is re-indexed.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    /// <summary>Blob container with <c>bgm/{category}/file</c> and <c>sfx/[category/]file</c>.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = "catalog";

    /// <summary>Blob container holding the refresh's singleton lease (one blob per Cosmos database).</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string LockContainer { get; set; } = "locks";

    /// <summary>Cron schedule with seconds (Cronos), UTC. The Functions host's timer uses the same in function.json.</summary>
    [Required]
    public string Schedule { get; set; } = "0 */30 * * * *";

    /// <summary>Run the timer in this process. Off under the Functions host, whose timer trigger calls the same refresh.</summary>
    public bool TimerEnabled { get; set; } = true;

    /// <summary>How long one hold of the singleton lease lasts before it must be renewed (15-60 s, Blob storage's range).</summary>
    [Range(15, 60)]
    public int LeaseSeconds { get; set; } = 30;

    /// <summary>A local folder laid out like the container whose files are uploaded (if missing) and indexed at start.</summary>
    public string? SeedFolder { get; set; }
}
