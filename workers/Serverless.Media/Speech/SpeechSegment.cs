namespace Serverless.Media.Speech;

/// <summary>A stretch of detected speech, in seconds from the start of the clip.</summary>
public readonly record struct SpeechSegment(double Start, double End)
{
    public double Duration => End - Start;
}
