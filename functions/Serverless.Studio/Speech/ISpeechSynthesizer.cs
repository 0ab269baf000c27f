namespace Serverless.Studio.Speech;

/// <summary>Turns one spoken line of a screenplay into a voice clip.</summary>
public interface ISpeechSynthesizer
{
    Task<SpeechClip> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken = default);
}
