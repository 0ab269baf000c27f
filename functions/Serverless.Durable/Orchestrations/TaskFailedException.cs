namespace Serverless.Durable;

/// <summary>An activity or sub-orchestration failed (after its retries); thrown inside the calling orchestrator.</summary>
public sealed class TaskFailedException : Exception
{
    public TaskFailedException(string taskName, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        FailureDetails = failureDetails;
    }

    public string TaskName { get; }

    public TaskFailureDetails FailureDetails { get; }
}
