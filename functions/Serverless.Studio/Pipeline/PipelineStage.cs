namespace Serverless.Studio.Pipeline;

/// <summary>The steps of the video pipeline, in order, with the share of the progress bar each one ends at.</summary>
public sealed record PipelineStage(string Name, string Description, int ProgressAtEnd)
{
    public static readonly PipelineStage Parse = new("parse", "Parsing the script", 5);
    public static readonly PipelineStage Storyboard = new("storyboard", "Planning the storyboard", 10);
    public static readonly PipelineStage Approval = new("awaiting_approval", "Waiting for the storyboard to be approved", 10);
    public static readonly PipelineStage Assets = new("assets", "Drawing shots and recording voices", 55);
    public static readonly PipelineStage Render = new("render", "Rendering the video", 95);
    public static readonly PipelineStage Finalize = new("finalize", "Publishing the video", 100);

    public static readonly IReadOnlyList<PipelineStage> All = [Parse, Storyboard, Approval, Assets, Render, Finalize];
}

/// <summary>The orchestration's custom status: what the task endpoint and the CLI show while it runs.</summary>
/// <remarks><see cref="EstimatedRemainingSeconds"/> is known only while the worker reports on a render.</remarks>
public sealed record PipelineStatus(
    string Stage, string Step, int Progress, IReadOnlyList<StageTiming> Stages, double? EstimatedRemainingSeconds = null, CatalogBatches.BatchProgress? Batch = null);

/// <summary>When a stage began and, once it ended, how long it took.</summary>
public sealed record StageTiming(string Name, DateTime StartedAt, double? Seconds);
