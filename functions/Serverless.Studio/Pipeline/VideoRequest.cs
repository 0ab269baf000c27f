using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Pipeline;

/// <summary>Input of <see cref="VideoOrchestrator"/>: one script to turn into one video.</summary>
public sealed record VideoRequest
{
    public required string TaskId { get; init; }
    public required string ProjectId { get; init; }
    public required string UserId { get; init; }
    public required BlobRef Script { get; init; }
    public required string Style { get; init; }
    public required string AspectRatio { get; init; }
    public int Seed { get; init; }
    public double? TargetDurationSeconds { get; init; }

    /// <summary>Wait after the storyboard for <see cref="StoryboardApproval"/> before drawing and recording.</summary>
    public bool ApprovalRequired { get; init; }

    /// <summary>
    /// Start from the project's saved storyboard (with the user's overrides, pictures and recorded lines) instead of
    /// parsing and planning the script again; only what the saved shots lack is drawn or recorded.
    /// </summary>
    public bool FromSavedStoryboard { get; init; }

    /// <summary>Size and encoding of the render; null renders full HD for the aspect ratio.</summary>
    public RenderOutput? Output { get; init; }

    /// <summary>A catalog track chosen when the video was asked for, ducked under speech.</summary>
    public RenderMusic? Music { get; init; }

    public RenderWatermark? Watermark { get; init; }

    /// <summary>A name from <see cref="SubtitlePresets"/>; null, the classic look.</summary>
    public string? SubtitleStyle { get; init; }

    public VideoContainer Format { get; init; } = VideoContainer.Mp4;

    /// <summary>The most its provider calls may cost, in USD; a call that would pass it fails the video (30005).</summary>
    public decimal? Budget { get; init; }

    /// <summary>
    /// A storyboard task (<see cref="Orchestrations.StoryboardOrchestrator"/>) goes on to draw the planned shots' pictures,
    /// at most this many (the shots charged for when it started); null plans only.
    /// </summary>
    public int? ShotsToDraw { get; init; }

    /// <summary>A new task's request on <paramref name="project"/>: its script, look and timing; the rest is the caller's.</summary>
    public static VideoRequest For(Projects.Project project, string taskId) => new()
    {
        TaskId = taskId,
        ProjectId = project.Id,
        UserId = project.UserId,
        Script = project.Script,
        Style = project.Style,
        AspectRatio = project.AspectRatio,
        Seed = project.Seed,
        TargetDurationSeconds = project.TargetDurationSeconds,
    };
}

/// <summary>Output of <see cref="VideoOrchestrator"/>.</summary>
public sealed record VideoResult(BlobRef Video, double DurationSeconds, long SizeBytes);
