namespace Serverless.Worker.Inference;

/// <summary>An inference job that can never succeed as sent (unknown kind, foreign or oversized input): it fails without retries.</summary>
public sealed class InvalidInferenceJobException(string message, Exception? inner = null) : Exception(message, inner);
