using Serverless.Durable;

namespace Serverless.Studio.Pipeline;

/// <summary>
/// Keeps the orchestration's custom status current. Times come from the orchestration clock, so replays
/// rebuild the same status.
/// </summary>
internal sealed class PipelineProgress(TaskOrchestrationContext context)
{
    private readonly List<StageTiming> _stages = [];
    private PipelineStage? _current;

    public void Begin(PipelineStage stage)
    {
        EndCurrent();
        _current = stage;
        _stages.Add(new StageTiming(stage.Name, context.CurrentUtcDateTime, null));
        Publish(stage.Description, StartOf(stage));
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

    private static int StartOf(PipelineStage? stage)
    {
        if (stage is null)
        {
            return 0;
        }

        var index = PipelineStage.All.ToList().IndexOf(stage);
        return index <= 0 ? 0 : PipelineStage.All[index - 1].ProgressAtEnd;
    }
}
