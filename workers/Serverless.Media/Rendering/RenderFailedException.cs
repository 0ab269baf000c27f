namespace Serverless.Media.Rendering;

/// <summary>ffmpeg exited with an error; the message carries the end of its log so the report is readable.</summary>
public sealed class RenderFailedException(string message, Exception? innerException = null) : Exception(message, innerException);
