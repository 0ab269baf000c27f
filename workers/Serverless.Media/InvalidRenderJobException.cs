namespace Serverless.Media;

/// <summary>
/// The job itself is wrong (missing or unreadable input, impossible output settings): rendering it again
/// cannot succeed, so the worker reports it as failed instead of retrying.
/// </summary>
public sealed class InvalidRenderJobException(string message, Exception? innerException = null)
    : Exception(message, innerException);
