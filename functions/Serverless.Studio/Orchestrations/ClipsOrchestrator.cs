using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Footage;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// A batch of clips of one footage: one <see cref="ClipRenderJob"/> per highlight, at most
/// <see cref="FootageOptions.ClipParallelism"/> on the queue at once, each recorded on the footage as it finishes and its
/// progress folded into the task's. The task completes when any clip was made; a clip that failed says so on its own.
/// </summary>
public sealed class ClipsOrchestrator(IOptions<FootageOptions> options) : TaskOrchestrator<ClipsWork, int>
{
    private static readonly TaskOptions Retried = new(new RetryPolicy(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(20)));

    public override async Task<int> RunAsync(TaskOrchestrationContext context, ClipsWork work)
    {
        var progress = new PipelineProgress(context, FootageStages.OfClips);
        progress.Begin(FootageStages.Clips);
        var o = options.Value;
        var pending = new Queue<ClipPlan>(work.Clips);
        var running = new Dictionary<string, ClipPlan>(StringComparer.Ordinal);
        var percents = work.Clips.ToDictionary(c => c.ClipId, _ => 0.0, StringComparer.Ordinal);
        var (made, ended) = (0, 0);
        var rounds = (work.Clips.Count + o.ClipParallelism - 1) / o.ClipParallelism;
        using var stop = new CancellationTokenSource();
        var timeout = context.CreateTimer(context.CurrentUtcDateTime.Add(o.ClipTimeout * Math.Max(1, rounds)), stop.Token);
        var completed = context.WaitForExternalEvent<RenderCompleted>(RenderCompleted.EventName);
        var report = context.WaitForExternalEvent<RenderProgressReport>(RenderProgressReport.EventName);
        try
        {
            while (pending.Count > 0 || running.Count > 0)
            {
                while (running.Count < o.ClipParallelism && pending.TryDequeue(out var plan))
                {
                    var job = Job(context, work, plan);
                    await context.CallActivityAsync<string>(nameof(QueueFootageJobActivity), new FootageJob { Clip = job }, Retried);
                    running[job.JobId] = plan;
                }

                var next = await Task.WhenAny(completed, report, timeout);
                if (next == timeout)
                {
                    foreach (var late in running.Values.Concat(pending).ToList())
                    {
                        var gaveUp = new RenderCompleted { JobId = JobId(work, late), Succeeded = false, Error = "The clip's worker did not answer in time." };
                        await context.CallActivityAsync<bool>(nameof(RecordClipActivity), new RecordClipInput(work.UserId, work.FootageId, late.ClipId, gaveUp), Retried);
                    }

                    break;
                }

                if (next == report)
                {
                    var reported = await report;
                    if (running.TryGetValue(reported.JobId, out var reportedClip))
                    {
                        percents[reportedClip.ClipId] = reported.Percent;
                        progress.Report(percents.Values.Average(), $"{ended} of {work.Clips.Count} clips done", null);
                    }

                    report = context.WaitForExternalEvent<RenderProgressReport>(RenderProgressReport.EventName);
                    continue;
                }

                var rendered = await completed;
                completed = context.WaitForExternalEvent<RenderCompleted>(RenderCompleted.EventName);
                if (!running.Remove(rendered.JobId, out var clip))
                {
                    // A clip reported twice after a redelivery: its first answer was recorded.
                    continue;
                }

                if (await context.CallActivityAsync<bool>(nameof(RecordClipActivity), new RecordClipInput(work.UserId, work.FootageId, clip.ClipId, rendered), Retried))
                {
                    made++;
                }

                ended++;
                percents[clip.ClipId] = 100;
                progress.Report(percents.Values.Average(), $"{ended} of {work.Clips.Count} clips done", null);
            }
        }
        finally
        {
            // The timer is durable: left running it would wake the ended orchestration once more.
            stop.Cancel();
        }

        var error = made > 0 ? null : new TaskError(ErrorCodes.RenderFailed, "Rendering failed: no clip of the batch was rendered.");
        await context.CallActivityAsync<bool>(nameof(EndFootageTaskActivity), new EndFootageTaskInput(work.UserId, work.FootageId, work.TaskId, error, false), Retried);
        if (error is null)
        {
            progress.Complete();
        }
        else
        {
            progress.Fail(error.Message);
        }

        return made;
    }

    private static string JobId(ClipsWork work, ClipPlan clip) => $"{work.TaskId}-{clip.ClipId}";

    private static ClipRenderJob Job(TaskOrchestrationContext context, ClipsWork work, ClipPlan clip) => new()
    {
        JobId = JobId(work, clip),
        UserId = work.UserId,
        FootageId = work.FootageId,
        ClipId = clip.ClipId,
        OrchestrationInstanceId = context.InstanceId,
        Source = work.Source,
        Start = clip.Start,
        End = clip.End,
        Output = work.Output,
        Words = clip.Words,
        SubtitleStyle = work.SubtitleStyle,
        Watermark = work.Watermark,
        IntroText = work.IntroText,
        OutroText = work.OutroText,
        LoudnessTarget = work.LoudnessTarget,
        Destination = clip.Destination,
    };
}
