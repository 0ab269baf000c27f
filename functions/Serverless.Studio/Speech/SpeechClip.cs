namespace Serverless.Studio.Speech;

/// <summary>A synthesized line: a 16-bit PCM mono WAV file, its measured length and the voice that spoke it.</summary>
public sealed record SpeechClip(byte[] Wav, double DurationSeconds, string Voice);
