using Microsoft.ML.OnnxRuntime;

namespace Serverless.Testing.Ocr;

/// <summary>
/// One ONNX session with a single image input and a single output, named from the model's metadata so that
/// re-exported models (whose tensor names differ: "x", "input", "softmax_..." ...) keep working.
/// InferenceSession.Run is thread-safe, so one instance serves concurrent readers.
/// </summary>
internal sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;

    public OnnxModel(string path)
    {
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            // Test machines share a few cores; more threads than that only add contention.
            IntraOpNumThreads = Math.Clamp(Environment.ProcessorCount, 1, 4),
            InterOpNumThreads = 1,
        };
        _session = new InferenceSession(path, options);
        InputName = _session.InputMetadata.Keys.Single();
        OutputName = _session.OutputMetadata.Keys.First();
        InputDimensions = _session.InputMetadata[InputName].Dimensions;
        OutputDimensions = _session.OutputMetadata[OutputName].Dimensions;
    }

    public string InputName { get; }

    public string OutputName { get; }

    /// <summary>Declared input shape; -1 marks a dynamic axis.</summary>
    public IReadOnlyList<int> InputDimensions { get; }

    /// <summary>Declared output shape; -1 marks a dynamic axis.</summary>
    public IReadOnlyList<int> OutputDimensions { get; }

    /// <summary>Runs the model on an NCHW float tensor and hands the output (data and shape) to <paramref name="read"/>.</summary>
    public T Run<T>(float[] input, long[] shape, OutputReader<T> read)
    {
        using var tensor = OrtValue.CreateTensorValueFromMemory(input, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, [InputName], [tensor], [OutputName]);
        var output = outputs[0];
        return read(output.GetTensorDataAsSpan<float>(), output.GetTensorTypeAndShape().Shape);
    }

    public void Dispose() => _session.Dispose();

    public delegate T OutputReader<out T>(ReadOnlySpan<float> data, long[] shape);
}
