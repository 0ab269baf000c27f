using OpenAI.Audio;
using Serverless.Captions;

namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>What a speech recognizer heard in one piece of sound: its words, in seconds from the piece's start.</summary>
public sealed record HeardSpeech(IReadOnlyList<CueWord> Words, double Seconds, string? Language)
{
    /// <summary>No recognizer answered (the fallback's offline side): the caller keeps what it had.</summary>
    public static readonly HeardSpeech Unheard = new([], 0, null);
}

/// <summary>
/// Azure OpenAI's <c>audio/transcriptions</c> through the SDK's <see cref="AudioClient"/>: a WAV piece in,
/// <c>verbose_json</c> with word timestamps out.
/// </summary>
public sealed class AzureOpenAITranscriber(AudioClient client)
{
    public async Task<HeardSpeech> TranscribeAsync(BinaryData wav, string? language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wav);
        var options = new AudioTranscriptionOptions
        {
            ResponseFormat = AudioTranscriptionFormat.Verbose,
            TimestampGranularities = AudioTimestampGranularities.Word,
            Language = language,
        };
        using var audio = wav.ToStream();
        var heard = (await client.TranscribeAudioAsync(audio, "audio.wav", options, cancellationToken).ConfigureAwait(false)).Value;
        var words = heard.Words
            .Where(w => !string.IsNullOrWhiteSpace(w.Word) && w.EndTime >= w.StartTime)
            .Select(w => new CueWord(w.Word.Trim(), w.StartTime.TotalSeconds, w.EndTime.TotalSeconds))
            .ToList();
        return new HeardSpeech(words, heard.Duration?.TotalSeconds ?? 0, heard.Language);
    }
}
