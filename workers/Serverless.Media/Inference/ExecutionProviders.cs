using Microsoft.ML.OnnxRuntime;

namespace Serverless.Media.Inference;

/// <summary>What the loaded ONNX Runtime build can run on.</summary>
public static class ExecutionProviders
{
    public const string CudaName = "CUDAExecutionProvider";

    public static IReadOnlyList<string> Available() => OrtEnv.Instance().GetAvailableProviders();

    /// <summary>
    /// Why CUDA cannot be used on <paramref name="deviceId"/>, or null when it can. The CPU package lists no CUDA
    /// provider at all; the GPU package lists it but fails to attach it when the CUDA libraries or the device are missing.
    /// </summary>
    public static string? CudaProblem(int deviceId)
    {
        if (!Available().Contains(CudaName))
        {
            return "this ONNX Runtime build has no CUDA execution provider (the CPU package is installed)";
        }

        try
        {
            using var options = new SessionOptions();
            options.AppendExecutionProvider_CUDA(deviceId);
            return null;
        }
        catch (Exception exception) when (exception is OnnxRuntimeException or EntryPointNotFoundException or DllNotFoundException)
        {
            return $"the CUDA execution provider did not attach to device {deviceId}: {FirstLine(exception.Message)}";
        }
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }
}
