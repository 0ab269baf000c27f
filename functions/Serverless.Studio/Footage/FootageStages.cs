using Serverless.Studio.Pipeline;

namespace Serverless.Studio.Footage;

/// <summary>The steps of a footage's analysis and of a batch of clips, with the share of the progress bar each ends at.</summary>
public static class FootageStages
{
    public static readonly PipelineStage Analysis = new("analysis", "Analysing the footage", 90);
    public static readonly PipelineStage Highlights = new("highlights", "Picking highlights", 100);
    public static readonly PipelineStage Clips = new("clips", "Rendering clips", 100);

    public static readonly IReadOnlyList<PipelineStage> OfAnalysis = [Analysis, Highlights];
    public static readonly IReadOnlyList<PipelineStage> OfClips = [Clips];
}
