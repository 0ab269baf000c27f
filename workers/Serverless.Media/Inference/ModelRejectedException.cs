namespace Serverless.Media.Inference;

/// <summary>
/// A model that can never be run as asked: not in the models container, too large, not matching its recorded hash,
/// not an ONNX graph, or without the inputs its job kind feeds. Retrying cannot help; the job that named it fails.
/// </summary>
public sealed class ModelRejectedException(string message, Exception? inner = null) : Exception(message, inner);
