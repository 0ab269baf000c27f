namespace Serverless.Durable;

public enum OrchestrationRuntimeStatus
{
    Pending,
    Running,
    Completed,
    ContinuedAsNew,
    Failed,
    Terminated,
    Suspended,
}
