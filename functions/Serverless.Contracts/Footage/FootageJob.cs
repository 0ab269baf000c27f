namespace Serverless.Contracts.Footage;

/// <summary>
/// A message on <see cref="Queues.FootageJobs"/>: exactly one of an analysis of an uploaded footage or the render of one
/// of its clips. Both answer on <see cref="Queues.RenderResults"/>.
/// </summary>
public sealed record FootageJob
{
    public FootageAnalysisJob? Analysis { get; init; }
    public ClipRenderJob? Clip { get; init; }

    /// <summary>A job carries one kind of work; anything else is a malformed message.</summary>
    public bool HasOneKind => (Analysis is null ? 0 : 1) + (Clip is null ? 0 : 1) == 1;

    public string JobId => Analysis?.JobId ?? Clip?.JobId ?? "";
    public string UserId => Analysis?.UserId ?? Clip?.UserId ?? "";
    public string OrchestrationInstanceId => Analysis?.OrchestrationInstanceId ?? Clip?.OrchestrationInstanceId ?? "";
}
