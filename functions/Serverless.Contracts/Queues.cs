namespace Serverless.Contracts;

/// <summary>Names of the job queues shared by the function app and the workers.</summary>
public static class Queues
{
    public const string RenderJobs = "render-jobs";
    public const string InferenceJobs = "inference-jobs";
}
