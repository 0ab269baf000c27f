namespace Serverless.Contracts;

/// <summary>Names of the queues shared by the function app and the workers.</summary>
public static class Queues
{
    public const string RenderJobs = "render-jobs";
    public const string InferenceJobs = "inference-jobs";

    /// <summary>Analyses of uploaded footage and renders of its clips (<see cref="Footage.FootageJob"/>).</summary>
    public const string FootageJobs = "footage-jobs";

    /// <summary>
    /// The storage queue (in Azure as locally) on which workers report <see cref="JobResult"/>s; the function app turns
    /// each accepted one into its orchestration's event.
    /// </summary>
    public const string RenderResults = "render-results";
}
