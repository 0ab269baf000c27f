namespace Serverless.Contracts.Rendering;

/// <summary>
/// How far a render has got, raised on the orchestration as an external event at most every few seconds.
/// <see cref="Percent"/> covers the whole job (download, speech detection, encode, upload).
/// </summary>
public sealed record RenderProgressReport(string JobId, double Percent, string Step, double? EstimatedRemainingSeconds)
{
    public const string EventName = "RenderProgress";
}
