using Microsoft.ML.OnnxRuntime;

namespace Serverless.Media.Inference;

/// <summary>Where and how a model runs; every session of the worker is made from one of these.</summary>
public sealed record SessionSettings(
    ExecutionProvider Provider = ExecutionProvider.Cpu,
    int DeviceId = 0,
    int IntraOpThreads = 0,
    GraphOptimizationLevel Optimization = GraphOptimizationLevel.ORT_ENABLE_ALL)
{
    public static readonly SessionSettings Cpu = new();

    /// <summary>Fresh options for one session (the session keeps a reference; dispose them with it).</summary>
    public SessionOptions CreateOptions()
    {
        var options = new SessionOptions { GraphOptimizationLevel = Optimization };
        try
        {
            if (IntraOpThreads > 0)
            {
                options.IntraOpNumThreads = IntraOpThreads;
            }

            if (Provider == ExecutionProvider.Cuda)
            {
                options.AppendExecutionProvider_CUDA(DeviceId);
            }

            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}

public enum ExecutionProvider
{
    Cpu,
    Cuda,
}
