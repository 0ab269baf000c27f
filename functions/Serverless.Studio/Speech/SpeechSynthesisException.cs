namespace Serverless.Studio.Speech;

/// <summary>A speech engine failed: not installed, crashed, timed out or produced no audio. Carries its stderr.</summary>
public sealed class SpeechSynthesisException : Exception
{
    public SpeechSynthesisException(string message)
        : base(message)
    {
    }

    public SpeechSynthesisException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
