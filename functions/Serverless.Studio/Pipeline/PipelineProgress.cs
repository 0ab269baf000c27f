using Microsoft.DurableTask;

namespace Serverless.Studio.Pipeline;

/// <summary>
/// Keeps the orchestration's custom status current. Times come from the orchestration clock, so replays
/// rebuild the same status.
/// </summary>
/// <param name="stages">The orchestration's stages in order; the video pipeline's (<see cref="PipelineStage.All"/>) by default.</param>
internal sealed class PipelineProgress(TaskOrchestrationContext context, IReadOnlyList<PipelineStage>? stages = null)
{
    private readonly IReadOnlyList<PipelineStage> _all = stages ?? PipelineStage.All;
    private readonly List<StageTiming> _stages = [];
    private PipelineStage? _current;
    private int _reported;

    public void Begin(PipelineStage stage)
    {
        EndCurrent();
        _current = stage;
        _reported = StartOf(stage);
        _stages.Add(new StageTiming(stage.Name, context.CurrentUtcDateTime, null));
        Publish(stage.Description, StartOf(stage));
    }

    /// <summary>
    /// Folds a share of the current stage (0-100, as its worker measures it) into the overall progress, which moves
    /// between this stage's start and end and never backwards.
    /// </summary>
    public void Report(double percentOfStage, string step, double? estimatedRemainingSeconds)
    {
        if (_current is null)
        {
            return;
        }

        var start = StartOf(_current);
        var overall = start + (int)Math.Floor((_current.ProgressAtEnd - start) * Math.Clamp(percentOfStage, 0, 100) / 100);
        _reported = Math.Max(_reported, Math.Min(overall, _current.ProgressAtEnd - 1));
        var remaining = estimatedRemainingSeconds is >= 0 and < 7 * 24 * 3600 ? estimatedRemainingSeconds : null;
        context.SetCustomStatus(new PipelineStatus(_current.Name, $"{_current.Description}: {step}", _reported, _stages.ToList(), remaining));
    }

    public void Complete()
    {
        EndCurrent();
        Publish("Done", 100);
    }

    public void Fail(string reason)
    {
        EndCurrent();
        context.SetCustomStatus(new PipelineStatus(_current?.Name ?? "failed", reason, StartOf(_current), _stages.ToList()));
    }

    private void EndCurrent()
    {
        if (_stages.Count > 0 && _stages[^1].Seconds is null)
        {
            var last = _stages[^1];
            _stages[^1] = last with { Seconds = (context.CurrentUtcDateTime - last.StartedAt).TotalSeconds };
        }
    }

    private void Publish(string step, int progress) =>
        context.SetCustomStatus(new PipelineStatus(_current?.Name ?? "done", step, progress, _stages.ToList()));

    private int StartOf(PipelineStage? stage)
    {
        if (stage is null)
        {
            return 0;
        }

        var index = _all.ToList().IndexOf(stage);
        return index <= 0 ? 0 : _all[index - 1].ProgressAtEnd;
    }
}
