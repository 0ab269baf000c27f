using Serverless.Durable;

namespace Serverless.Durable.TestHost;

/// <summary>A fan-out of ten, then three steps in sequence; the output is fully determined by the input.</summary>
public sealed class CrashWorkload : TaskOrchestrator<int, long>
{
    public override async Task<long> RunAsync(TaskOrchestrationContext context, int input)
    {
        var parts = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => context.CallActivityAsync<long>(nameof(RecordedStep), new Step(input, $"fan{i}", i))));
        var total = parts.Sum();
        for (var s = 0; s < 3; s++)
        {
            total = await context.CallActivityAsync<long>(nameof(RecordedStep), new Step(input, $"seq{s}", total));
        }

        return total;
    }

    /// <summary>What the test expects for an input.</summary>
    public static long Expected(int input)
    {
        var total = Enumerable.Range(0, 10).Sum(i => RecordedStep.Apply(input, i));
        for (var s = 0; s < 3; s++)
        {
            total = RecordedStep.Apply(input, total);
        }

        return total;
    }
}

public sealed record Step(int Input, string Name, long Value);

/// <summary>Records each execution as a side effect (a line in this process's file), then computes.</summary>
public sealed class RecordedStep(SideEffectLog log) : TaskActivity<Step, long>
{
    public override async Task<long> RunAsync(TaskActivityContext context, Step input)
    {
        await Task.Delay(Random.Shared.Next(20, 80));
        log.Record($"{context.InstanceId}/{input.Name}");
        return Apply(input.Input, input.Value);
    }

    public static long Apply(int input, long value) => (value * 31 + input) % 1_000_003;
}

/// <summary>Appends one line per activity execution to a per-process file, flushed at once so a SIGKILL loses nothing recorded.</summary>
public sealed class SideEffectLog(string path)
{
    private readonly Lock _gate = new();

    public void Record(string line)
    {
        lock (_gate)
        {
            File.AppendAllText(path, line + "\n");
        }
    }
}
