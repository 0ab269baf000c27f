using System.Diagnostics;
using Serverless.Media.Footage;
using Serverless.Testing;

/// <summary>
/// Each analysis step alone, its cost read around it: the CPU of the tools it waited for (getrusage of the finished
/// children), this process's CPU (the voice detector, the curves) and the wall time. A step met twice adds up.
/// </summary>
internal sealed class StepCpuMeter : AnalysisStepMeter
{
    public Dictionary<string, (double ToolCpu, double OwnCpu, double Wall)> Steps { get; } = [];

    public override bool OneByOne => true;

    public override async Task<T> MeasureAsync<T>(string step, Func<Task<T>> run)
    {
        var tools = ProcessUsage.ChildCpuSeconds();
        var own = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var result = await run();
        var used = (ProcessUsage.ChildCpuSeconds() - tools, (Process.GetCurrentProcess().TotalProcessorTime - own).TotalSeconds, watch.Elapsed.TotalSeconds);
        Steps[step] = Steps.TryGetValue(step, out var before)
            ? (before.ToolCpu + used.Item1, before.OwnCpu + used.Item2, before.Wall + used.Item3)
            : used;
        return result;
    }
}
