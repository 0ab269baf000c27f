namespace Serverless.Studio.Uploads;

/// <summary>An uploaded blob that starts nothing: <see cref="Code"/> and the message go on its receipt for its owner.</summary>
public sealed class UploadRefusedException(int code, string message) : Exception(message)
{
    public int Code { get; } = code;
}
