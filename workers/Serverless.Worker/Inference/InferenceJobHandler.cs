using System.Diagnostics;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Inference;
using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Media.Inference;
using Serverless.Contracts;
using Serverless.Worker.Configuration;
using Serverless.Worker.Diagnostics;
using Serverless.Worker.Jobs;
using Serverless.Worker.Results;
using Serverless.Worker.Storage;

namespace Serverless.Worker.Inference;

/// <summary>
/// The generic model-job runner: checks the job, downloads its inputs, opens its model by name from the
/// <see cref="ModelCatalog"/>, lets the job's <see cref="IInferenceKind"/> run it, uploads the output and reports
/// <see cref="InferenceCompleted"/>. A job that can never succeed (unknown kind or model, foreign or missing input,
/// a model that is refused) is reported failed and dead-lettered with the reason; anything else is retried up to
/// Worker:MaxDeliveries. A redelivered job whose output exists is only reported again.
/// </summary>
public sealed class InferenceJobHandler(
    IBlobStore blobs,
    ModelCatalog catalog,
    IEnumerable<IInferenceKind> kinds,
    JobResultQueue results,
    EndedOrchestrations ended,
    IOptions<InferenceOptions> options,
    IOptions<WorkerOptions> worker,
    ILogger<InferenceJobHandler> logger)
{
    public const string JobIdMetadata = "job_id";

    public async Task<Settlement> HandleAsync(InferenceJob job, long deliveryCount, CancellationToken cancellationToken)
    {
        using var activity = WorkerTelemetry.Source.StartActivity("inference job");
        activity?.SetTag("job.id", job.JobId);
        activity?.SetTag("job.kind", job.Kind);
        activity?.SetTag("job.model", job.Model);
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["JobId"] = job.JobId, ["DeliveryCount"] = deliveryCount });

        var work = JobFiles.WorkFolder(worker.Value.ResolvedTempRoot, job.JobId);
        try
        {
            var kind = Check(job);
            if (await blobs.GetAsync(job.Output, cancellationToken) is not null)
            {
                logger.LogInformation("Output {Output} already exists; reporting it without running again", job.Output);
                await ReportAsync(job, new InferenceCompleted { JobId = job.JobId, Succeeded = true, Output = job.Output }, cancellationToken);
                return Settlement.Complete;
            }

            var started = Stopwatch.GetTimestamp();
            Directory.CreateDirectory(work);
            var inputs = await DownloadAsync(job, work, cancellationToken);
            var model = await catalog.OpenAsync(job.Model, cancellationToken);
            var output = await kind.RunAsync(model, inputs, work, cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
            await blobs.UploadAsync(job.Output, output.Path, output.ContentType, new Dictionary<string, string> { [JobIdMetadata] = Uri.EscapeDataString(job.JobId) }, cancellationToken);
            logger.LogInformation("Inference job {JobId} ({Kind}, model {Model}) done in {Seconds:F2} s: {Summary}", job.JobId, job.Kind, job.Model, elapsed, output.Summary);
            await ReportAsync(job, new InferenceCompleted { JobId = job.JobId, Succeeded = true, Output = job.Output, InferenceSeconds = elapsed }, cancellationToken);
            return Settlement.Complete;
        }
        catch (Exception exception) when (exception is InvalidInferenceJobException or ModelRejectedException or InvalidRenderJobException)
        {
            logger.LogWarning(exception, "Inference job {JobId} cannot be run: {Reason}", job.JobId, exception.Message);
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            await ReportAsync(job, Failed(job, exception.Message), cancellationToken);
            return Settlement.DeadLetter(exception.Message);
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            activity?.SetStatus(ActivityStatusCode.Error, exception.Message);
            if (deliveryCount < worker.Value.MaxDeliveries)
            {
                logger.LogWarning(exception, "Inference job {JobId} failed on delivery {DeliveryCount}; it will be retried", job.JobId, deliveryCount);
                return Settlement.Retry;
            }

            var reason = $"Inference failed after {deliveryCount} attempts: {exception.Message}";
            logger.LogError(exception, "Inference job {JobId} failed on delivery {DeliveryCount}, the last allowed; reporting failure", job.JobId, deliveryCount);
            await ReportAsync(job, Failed(job, reason), cancellationToken);
            return Settlement.DeadLetter(reason);
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Sends the result to the orchestration waiting for it; none waits, or it has ended, and nothing is sent.</summary>
    private async Task ReportAsync(InferenceJob job, InferenceCompleted completed, CancellationToken cancellationToken)
    {
        if (job.OrchestrationInstanceId is not { Length: > 0 } instanceId)
        {
            return;
        }

        if (await ended.HasEndedAsync(instanceId, job.JobId, cancellationToken))
        {
            logger.LogInformation("The orchestration of job {JobId} has ended; nothing to report", job.JobId);
            return;
        }

        await results.SendAsync(JobResult.Completed(instanceId, completed), cancellationToken);
    }

    /// <summary>The job's kind, once everything the job names is known to be acceptable.</summary>
    private IInferenceKind Check(InferenceJob job)
    {
        var kind = kinds.FirstOrDefault(k => k.Name == job.Kind)
            ?? throw new InvalidInferenceJobException($"Unknown inference kind '{Bounded(job.Kind)}' (known: {string.Join(", ", kinds.Select(k => k.Name))}).");
        ModelNames.Check(job.Model);
        if (job.Inputs.Count != kind.InputCount || job.Inputs.Count > InferenceJob.MaxInputs)
        {
            throw new InvalidInferenceJobException($"A {kind.Name} job takes {kind.InputCount} input(s), not {job.Inputs.Count}.");
        }

        // Every blob a job reads or writes is its user's: the function app names them, the worker refuses any other.
        if (string.IsNullOrWhiteSpace(job.UserId) || job.UserId.Contains('/', StringComparison.Ordinal))
        {
            throw new InvalidInferenceJobException("The job has no valid user id.");
        }

        foreach (var blob in job.Inputs.Append(job.Output))
        {
            if (!blob.Path.StartsWith(job.UserId + "/", StringComparison.Ordinal) || blob.Path.Contains("..", StringComparison.Ordinal) || blob.Path.Length > 1024)
            {
                throw new InvalidInferenceJobException($"Blob {Bounded(blob.ToString())} is not the job's user's.");
            }
        }

        return kind;
    }

    private async Task<IReadOnlyList<string>> DownloadAsync(InferenceJob job, string work, CancellationToken cancellationToken)
    {
        var paths = new List<string>(job.Inputs.Count);
        for (var i = 0; i < job.Inputs.Count; i++)
        {
            var input = job.Inputs[i];
            var stored = await blobs.GetAsync(input, cancellationToken)
                ?? throw new InvalidInferenceJobException($"Input blob {input} does not exist.");
            if (stored.SizeBytes > options.Value.MaxInputBytes)
            {
                throw new InvalidInferenceJobException($"Input blob {input} is {stored.SizeBytes} bytes, over Inference:MaxInputBytes ({options.Value.MaxInputBytes}).");
            }

            // Only a short alphanumeric extension of the user's name survives: ffmpeg and friends go by it.
            var extension = Path.GetExtension(input.Path);
            var path = Path.Combine(work, $"input-{i:00}{(extension.Length is > 1 and <= 8 && extension[1..].All(char.IsAsciiLetterOrDigit) ? extension : "")}");
            await blobs.DownloadToFileAsync(input, path, cancellationToken);
            paths.Add(path);
        }

        return paths;
    }

    private static InferenceCompleted Failed(InferenceJob job, string error) => new() { JobId = job.JobId, Succeeded = false, Error = error };

    private static string Bounded(string text) => text.Length <= 200 ? text : text[..200] + "...";
}
