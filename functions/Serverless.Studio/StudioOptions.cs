using System.ComponentModel.DataAnnotations;

namespace Serverless.Studio;

/// <summary>Settings of the video pipeline.</summary>
public sealed class StudioOptions
{
    public const string Section = "Studio";

    /// <summary>The function app's public address, used in callback URLs handed to workers.</summary>
    [Required]
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>The job queue render workers listen on.</summary>
    [Required]
    public string RenderQueue { get; set; } = Serverless.Contracts.Queues.RenderJobs;

    /// <summary>
    /// The storage queue workers report results and progress on (the worker's <c>Worker:ResultsQueue</c>); the
    /// <c>RenderResults</c> function's trigger reads it as <c>%Studio:ResultsQueue%</c>.
    /// </summary>
    [Required]
    [RegularExpression("^[a-z0-9]([a-z0-9-]{1,61})[a-z0-9]$", ErrorMessage = "Studio:ResultsQueue must be a valid queue name.")]
    public string ResultsQueue { get; set; } = Serverless.Contracts.Queues.RenderResults;

    /// <summary>How long a video waits for its render worker before it fails.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RenderTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A final render longer than this is split at cuts into segments that workers render in parallel and one job joins
    /// (<see cref="Serverless.Contracts.Rendering.RenderSegments"/>).
    /// </summary>
    [Range(Serverless.Contracts.Rendering.RenderSegments.MinSegmentSeconds, 3600.0)]
    public double SegmentSeconds { get; set; } = 60;

    /// <summary>How long a video that needs approval waits for its storyboard to be approved before it fails.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan ApprovalTimeout { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Pause after each spoken line before the next shot, so speech is never cut.</summary>
    [Range(0.0, 3.0)]
    public double BreathingRoomSeconds { get; set; } = 0.4;

    /// <summary>Largest script accepted, in characters.</summary>
    [Range(1, 1_000_000)]
    public int MaxScriptCharacters { get; set; } = 100_000;
}
