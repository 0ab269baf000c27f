namespace Serverless.Worker.Results;

/// <summary>
/// The orchestration a job reports to has ended before the job did (its video was cancelled, or its project deleted):
/// the function app left its ended marker for the job, so there is nothing left to render or report.
/// </summary>
public sealed class OrchestrationEndedException(string jobId)
    : Exception($"The orchestration of job {jobId} has ended and takes no more results.");
