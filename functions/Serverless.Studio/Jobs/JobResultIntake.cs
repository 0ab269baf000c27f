using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Inference;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Jobs;

/// <summary>What became of one result message.</summary>
public enum JobResultDisposition
{
    /// <summary>The orchestration's event was raised.</summary>
    Accepted,

    /// <summary>Not a result of a job the orchestration issued, or its output lies outside the job's place: dropped.</summary>
    Refused,

    /// <summary>The job was issued, but its orchestration has ended: its ended marker was written, the result dropped.</summary>
    OrchestrationEnded,
}

public sealed record JobResultOutcome(JobResultDisposition Disposition, string? Reason = null)
{
    public static readonly JobResultOutcome Accepted = new(JobResultDisposition.Accepted);
    public static readonly JobResultOutcome Ended = new(JobResultDisposition.OrchestrationEnded);

    public bool IsAccepted => Disposition == JobResultDisposition.Accepted;

    public static JobResultOutcome Refused(string reason) => new(JobResultDisposition.Refused, reason);
}

/// <summary>
/// Turns a worker's <see cref="JobResult"/> (from the render-results queue) into its orchestration's event, but only for
/// a job that orchestration issued (<see cref="IssuedJobs"/>) and only with output under the job's recorded prefix: the
/// queue's send right is all a worker holds, so a result naming another user's video, or another orchestration, must
/// go nowhere. A refusal is logged for operators and never reaches a user. A result for an orchestration that no
/// longer runs leaves the job's ended marker, which stops the worker still rendering it.
/// </summary>
public sealed class JobResultIntake(IssuedJobs issued, DurableTaskClient durable, ILogger<JobResultIntake> logger)
{
    public async Task<JobResultOutcome> AcceptAsync(JobResult message, CancellationToken cancellationToken)
    {
        var (eventName, payload, refusal) = Payload(message);
        if (refusal is not null)
        {
            return Refuse(message, refusal);
        }

        if (!IssuedJobs.IsSafeName(message.OrchestrationInstanceId) || !IssuedJobs.IsSafeName(message.JobId))
        {
            return Refuse(message, "the instance id or job id cannot name an issued job");
        }

        var job = await issued.FindAsync(message.OrchestrationInstanceId, message.JobId, cancellationToken);
        if (job is null || job.InstanceId != message.OrchestrationInstanceId || job.JobId != message.JobId)
        {
            return Refuse(message, "the orchestration issued no such job");
        }

        if (Outputs(message).FirstOrDefault(blob => !job.Owns(blob)) is { } foreign)
        {
            return Refuse(message, $"output {foreign} lies outside {job.OutputContainer}/{job.OutputPrefix}");
        }

        var instance = await durable.GetInstanceAsync(message.OrchestrationInstanceId, getInputsAndOutputs: false, cancellationToken);
        if (instance is null || instance.IsCompleted)
        {
            await issued.MarkEndedAsync(message.OrchestrationInstanceId, message.JobId, cancellationToken);
            logger.LogInformation(
                "Dropped {EventName} of job {JobId}: orchestration {InstanceId} is {Status}; the job's ended marker is written",
                eventName, message.JobId, message.OrchestrationInstanceId, instance?.RuntimeStatus.ToString() ?? "gone");
            return JobResultOutcome.Ended;
        }

        await durable.RaiseEventAsync(message.OrchestrationInstanceId, eventName, payload, cancellationToken);
        return JobResultOutcome.Accepted;
    }

    private JobResultOutcome Refuse(JobResult message, string reason)
    {
        logger.LogWarning(
            "Refused a result of job {JobId} for orchestration {InstanceId}: {Reason}", message.JobId, message.OrchestrationInstanceId, reason);
        return JobResultOutcome.Refused(reason);
    }

    private static (string EventName, object? Payload, string? Refusal) Payload(JobResult message)
    {
        if (!message.HasOnePayload)
        {
            return ("", null, "a result carries exactly one of render progress, render completed, inference completed or footage analyzed");
        }

        var (eventName, payload, jobId) = message switch
        {
            { RenderProgress: { } progress } => (RenderProgressReport.EventName, (object)progress, progress.JobId),
            { RenderCompleted: { } completed } => (RenderCompleted.EventName, completed, completed.JobId),
            { InferenceCompleted: { } inference } => (InferenceCompleted.EventName, inference, inference.JobId),
            { FootageAnalyzed: { } analyzed } => (FootageAnalysisCompleted.EventName, analyzed, analyzed.JobId),
            _ => throw new InvalidOperationException("unreachable: one payload was checked"),
        };
        return jobId == message.JobId ? (eventName, payload, null) : (eventName, null, $"the payload names job {jobId}");
    }

    private static IEnumerable<BlobRef> Outputs(JobResult message)
    {
        if (message.RenderCompleted is { } completed)
        {
            if (completed.Video is { } video)
            {
                yield return video;
            }

            if (completed.Thumbnail is { } thumbnail)
            {
                yield return thumbnail;
            }
        }

        if (message.InferenceCompleted?.Output is { } output)
        {
            yield return output;
        }

        if (message.FootageAnalyzed is { } analyzed)
        {
            foreach (var blob in new[] { analyzed.Analysis, analyzed.Audio, analyzed.Proxy }.OfType<BlobRef>().Concat(analyzed.Thumbnails))
            {
                yield return blob;
            }
        }
    }
}
