using Microsoft.DurableTask;
using Serverless.Studio.CatalogBatches;
using Serverless.Studio.Pipeline;
using Serverless.Studio.ScriptDrafts;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Orchestrations;

/// <summary>
/// Catalog to videos: plans which products need a video, then runs each through <see cref="VideoOrchestrator"/> as a
/// sub-orchestration, at most <see cref="CatalogBatchRequest.MaxParallelVideos"/> at once and each only with a free
/// running-task slot of its owner. A product that fails is tried again (with new ids) and then reported; the batch goes
/// on. Every product video's instance id comes from its content, so a batch resumed after a crash re-attaches to the
/// videos it started and renders none twice.
/// </summary>
public sealed class CatalogBatchOrchestrator : TaskOrchestrator<CatalogBatchRequest, BatchProgress>
{
    private static readonly TaskOptions Retried = new(new RetryPolicy(4, TimeSpan.FromSeconds(1), 2, TimeSpan.FromSeconds(20)));

    public const string Stage = "batch";

    public override async Task<BatchProgress> RunAsync(TaskOrchestrationContext context, CatalogBatchRequest request)
    {
        var plan = await context.CallActivityAsync<CatalogBatchPlan>(nameof(PlanCatalogBatchActivity), request, Retried);
        var counts = new Counts(context, plan);
        if (plan.Refusal is { } refusal)
        {
            counts.Publish(refusal);
            await context.CallActivityAsync<bool>(nameof(EndCatalogBatchActivity),
                new EndCatalogBatchInput(request.UserId, request.TaskId, new TaskError(ErrorCodes.NotFound, refusal)), Retried);
            return counts.Progress;
        }

        counts.Publish();
        var pending = new Queue<ProductVideoPlan>(plan.Products);
        var running = new List<Task<ProductEnd>>();
        while (pending.Count > 0 || running.Count > 0)
        {
            while (running.Count < request.MaxParallelVideos && pending.TryDequeue(out var product))
            {
                running.Add(RenderAsync(context, request, product, counts));
            }

            var ended = await Task.WhenAny(running);
            running.Remove(ended);
            counts.End(await ended);
        }

        counts.Publish();
        await context.CallActivityAsync<bool>(nameof(EndCatalogBatchActivity), new EndCatalogBatchInput(request.UserId, request.TaskId, null), Retried);
        return counts.Progress;
    }

    /// <summary>One product: start (waiting for a slot when the owner has none), render, record; again on failure.</summary>
    private static async Task<ProductEnd> RenderAsync(TaskOrchestrationContext context, CatalogBatchRequest request, ProductVideoPlan product, Counts counts)
    {
        var began = context.CurrentUtcDateTime;
        // The last attempt's failure: the video's recorded error, or a crash past the pipeline's own handling.
        var reason = "no attempt was made";
        if (product.ScriptSource == ScriptSources.Llm)
        {
            // A template fill is written by the start itself: only a chat model's script is a step (and a round trip) of its own.
            await context.CallActivityAsync<string>(nameof(WriteProductScriptActivity), new WriteProductScriptInput(request, product), Retried);
        }

        for (var attempt = 1; attempt <= request.Attempts; attempt++)
        {
            var start = await context.CallActivityAsync<ProductVideoStart>(
                nameof(StartProductVideoActivity), new StartProductVideoInput(request, product, attempt), Retried);
            while (start.Kind == ProductVideoStartKind.Wait)
            {
                await context.CreateTimer(TimeSpan.FromSeconds(request.SlotRetrySeconds), CancellationToken.None);
                start = await context.CallActivityAsync<ProductVideoStart>(
                    nameof(StartProductVideoActivity), new StartProductVideoInput(request, product, attempt), Retried);
            }

            if (start.Kind is ProductVideoStartKind.Refused or ProductVideoStartKind.Elsewhere)
            {
                return new ProductEnd(product.Sku, Succeeded: false, start.Reason ?? start.Kind.ToString(), Seconds: 0);
            }

            counts.Begin();
            var video = start.Request!;
            VideoResult? result;
            try
            {
                result = await context.CallSubOrchestratorAsync<VideoResult?>(
                    nameof(VideoOrchestrator), video, new SubOrchestrationOptions { InstanceId = video.TaskId });
            }
            catch (TaskFailedException e)
            {
                // The pipeline records its own failures and answers null; this is one past its handling.
                result = null;
                reason = e.FailureDetails.ErrorMessage;
            }

            var failure = await context.CallActivityAsync<string>(nameof(RecordProductVideoActivity),
                new RecordProductVideoInput(request.UserId, video.TaskId, result, result is null ? reason : null), Retried);
            counts.Finish();
            if (result is not null)
            {
                return new ProductEnd(product.Sku, Succeeded: true, null, (context.CurrentUtcDateTime - began).TotalSeconds);
            }

            reason = failure;
        }

        return new ProductEnd(product.Sku, Succeeded: false, $"failed {request.Attempts} times: {reason}", 0);
    }

    private sealed record ProductEnd(string Sku, bool Succeeded, string? Reason, double Seconds);

    /// <summary>The batch's counts, published as the orchestration's custom status whenever one changes.</summary>
    private sealed class Counts(TaskOrchestrationContext context, CatalogBatchPlan plan)
    {
        private readonly List<BatchFailure> _failures = [];
        private readonly List<double> _seconds = [];
        private readonly int _total = plan.Products.Count;
        private int _done;
        private int _running;
        private int _maxRunning = 1;

        public BatchProgress Progress => new(
            _total, _done, _failures.Count, _total - _done - _failures.Count - _running, _running, plan.UpToDate, plan.Deferred, _failures.ToList());

        public void Begin()
        {
            _running++;
            _maxRunning = Math.Max(_maxRunning, _running);
            Publish();
        }

        public void Finish()
        {
            _running--;
        }

        public void End(ProductEnd end)
        {
            if (end.Succeeded)
            {
                _done++;
                _seconds.Add(end.Seconds);
            }
            else
            {
                _failures.Add(new BatchFailure(end.Sku, end.Reason ?? "failed"));
            }

            Publish();
        }

        public void Publish(string? step = null)
        {
            var progress = Progress;
            var ended = progress.Done + progress.Failed;
            // Products go _maxRunning at a time, each about as long as the mean so far.
            double? remaining = _seconds.Count == 0 ? null : _seconds.Average() * (_total - ended) / _maxRunning;
            context.SetCustomStatus(new PipelineStatus(
                Stage,
                step ?? $"{progress.Done} of {_total} videos done, {progress.Failed} failed, {progress.Running} rendering, {progress.Queued} queued",
                _total == 0 ? 100 : ended * 100 / _total,
                [],
                remaining,
                progress));
        }
    }
}
