using Microsoft.DurableTask;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Footage;
using Serverless.Studio.Footage;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// An uploaded footage to highlights: the analysis job to a footage worker (probe, sound, speech, scenes, curves, proxy),
/// its answer waited for within <see cref="FootageOptions.AnalysisTimeout"/>, the cloud transcription when configured,
/// then the highlight picker (and a chat model's judgement), whose result goes onto the footage. A worker's refusal (not a video, no sound, too long, too large) fails the task with its stable code.
/// </summary>
public sealed class FootageOrchestrator(IOptions<FootageOptions> options) : TaskOrchestrator<FootageAnalysisWork, bool>
{
    private static readonly TaskOptions Retried = new(new RetryPolicy(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(20)));

    public override async Task<bool> RunAsync(TaskOrchestrationContext context, FootageAnalysisWork work)
    {
        var progress = new PipelineProgress(context, FootageStages.OfAnalysis);
        try
        {
            progress.Begin(FootageStages.Analysis);
            var job = new FootageAnalysisJob
            {
                JobId = work.JobId,
                UserId = work.UserId,
                FootageId = work.FootageId,
                OrchestrationInstanceId = context.InstanceId,
                Source = work.Source,
                OutputFolder = work.OutputFolder,
                Limits = work.Limits,
                LanguageHint = work.LanguageHint,
            };
            await context.CallActivityAsync<string>(nameof(QueueFootageJobActivity), new FootageJob { Analysis = job }, Retried);

            // Only this orchestration's one job can raise the event (JobResultIntake checks the issued record).
            var analyzed = await context.WaitForExternalEvent<FootageAnalysisCompleted>(FootageAnalysisCompleted.EventName, options.Value.AnalysisTimeout);
            if (!analyzed.Succeeded)
            {
                throw new FootageFailure(FootageRefusals.For(analyzed, work.Limits));
            }

            progress.Begin(FootageStages.Highlights);
            // The cloud recognizer's words, when one is configured, replace the worker's before the picker cuts by them.
            analyzed = await context.CallActivityAsync<FootageAnalysisCompleted>(
                nameof(TranscribeFootageActivity), new PickHighlightsInput(work.UserId, work.FootageId, analyzed), Retried);
            await context.CallActivityAsync<int>(nameof(PickHighlightsActivity), new PickHighlightsInput(work.UserId, work.FootageId, analyzed), Retried);
            await context.CallActivityAsync<bool>(nameof(EndFootageTaskActivity), new EndFootageTaskInput(work.UserId, work.FootageId, work.TaskId, null, false), Retried);
            progress.Complete();
            return true;
        }
        // A wait for an event that outlives its timeout ends in OperationCanceledException (the Durable Task SDK's timer won).
        catch (Exception e) when (e is FootageFailure or TaskFailedException or OperationCanceledException)
        {
            var error = e switch
            {
                FootageFailure failure => failure.Error,
                OperationCanceledException => new TaskError(ErrorCodes.RenderFailed, "The footage worker did not answer in time."),
                TaskFailedException failed => new TaskError(ErrorCodes.GenerationFailed, $"{failed.TaskName} failed: {failed.FailureDetails.ErrorMessage}"),
                _ => new TaskError(ErrorCodes.System, e.Message),
            };
            progress.Fail(error.Message);
            await context.CallActivityAsync<bool>(nameof(EndFootageTaskActivity), new EndFootageTaskInput(work.UserId, work.FootageId, work.TaskId, error, true), Retried);
            return false;
        }
    }

    private sealed class FootageFailure(TaskError error) : Exception(error.Message)
    {
        public TaskError Error { get; } = error;
    }
}
