using Serverless.Captions;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Speech;

/// <summary>
/// A synthesized line: a 16-bit PCM mono WAV file, its measured length and the voice that spoke it. <see cref="Words"/>:
/// when each word is said (seconds into the clip) where the voice reported it; null where it did not.
/// </summary>
public sealed record SpeechClip(byte[] Wav, double DurationSeconds, string Voice, IReadOnlyList<CueWord>? Words = null);
