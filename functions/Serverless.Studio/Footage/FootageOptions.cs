using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio.Footage;

/// <summary>Uploaded footage and its clips (<c>Footage</c>); what one plan allows is in <c>Accounts:Plans</c>.</summary>
public sealed class FootageOptions
{
    public const string Section = "Footage";

    /// <summary>The blob container of sources, analyses and clips, under <c>{user}/{footage}/</c>.</summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string Container { get; set; } = Storage.StudioContainers.Footage;

    /// <summary>
    /// The container watched for dropped footage (<c>{user_id}/name.mp4</c>); a dropped file stays there as its
    /// footage's source. Polled locally when <c>Uploads:PollEnabled</c>, like the script uploads.
    /// </summary>
    [Required, RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$")]
    public string IncomingContainer { get; set; } = Storage.StudioContainers.IncomingFootage;

    /// <summary>The queue footage workers take analyses and clip renders from.</summary>
    [Required, RegularExpression("^[a-z0-9]([a-z0-9-]{1,61})[a-z0-9]$")]
    public string JobQueue { get; set; } = Contracts.Queues.FootageJobs;

    /// <summary>The longest footage any plan may upload.</summary>
    [Range(10.0, 86_400.0)]
    public double MaxDurationSeconds { get; set; } = 7200;

    /// <summary>The largest file any plan may upload.</summary>
    [Range(1024L, 64L * 1024 * 1024 * 1024)]
    public long MaxSizeBytes { get; set; } = 8L * 1024 * 1024 * 1024;

    /// <summary>
    /// How long an upload link writes: long enough for gigabytes in blocks over a slow line, short enough that a leaked
    /// link is soon useless.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan UploadLinkLifetime { get; set; } = TimeSpan.FromHours(2);

    /// <summary>How long the analysis may take on the worker before the task fails.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan AnalysisTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How long one clip's render may take; a batch waits this long for each round of <see cref="ClipParallelism"/> clips.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan ClipTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Clip jobs of one batch on the queue at once, so one user's batch does not fill every worker.</summary>
    [Range(1, 50)]
    public int ClipParallelism { get; set; } = 3;
}
