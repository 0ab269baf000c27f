using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Captions;
using Serverless.Contracts.Footage;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Footage;

/// <summary>
/// A footage's transcript from the cloud speech recognizer when one is configured: the worker's <c>audio.wav</c> cut
/// into pieces at silences (<see cref="TranscriptionPieces"/>), each piece one billed request, the words put back at
/// footage time. Any piece without an answer leaves the worker's own transcript (pocketsphinx, or none for a language
/// without an offline model), with a note saying so: a half-cloud, half-offline transcript would mix two recognizers'
/// ideas of a word within one footage.
/// </summary>
public sealed class FootageTranscription(TranscriptionFallback recognizer, IOptions<AzureOpenAIOptions> options, ILogger<FootageTranscription> logger)
{
    /// <summary>The service's limit on one request's file.</summary>
    private const double MaxRequestBytes = 25 * 1024 * 1024;

    public bool Configured => recognizer.Configured;

    /// <summary>The cloud transcript of <paramref name="wav"/>, or the worker's <paramref name="offline"/> one (noted) when it cannot be had.</summary>
    public async Task<FootageTranscript> TranscribeAsync(
        BinaryData wav, FootageAnalysis analysis, BilledCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wav);
        ArgumentNullException.ThrowIfNull(analysis);
        ArgumentNullException.ThrowIfNull(call);
        var offline = analysis.Transcript;
        if (!recognizer.Configured)
        {
            return offline;
        }

        var audio = PcmAudio.FromWav(wav.ToMemory().Span);
        // 25 MB a request: the option's length, or less for a file of a higher rate than the worker writes.
        var longest = Math.Min(options.Value.TranscriptionChunkSeconds, (MaxRequestBytes - 1024) / (2.0 * audio.SampleRate));
        var pieces = TranscriptionPieces.Plan(audio.DurationSeconds, analysis.SpeechRegions, longest);
        var language = offline.Language is { Length: 2 } code ? code : null;
        var words = new List<CueWord>();
        for (var i = 0; i < pieces.Count; i++)
        {
            var (start, end) = pieces[i];
            var piece = Slice(audio, start, end);
            Provided<HeardSpeech> heard;
            using (UsageAttribution.Begin(call with { CallKey = $"{call.CallKey}:{i}" }))
            {
                heard = await recognizer.TranscribeAsync(piece, end - start, language, cancellationToken);
            }

            if (heard.Provider == ProviderNames.Offline)
            {
                var reason = heard.PassedOver.LastOrDefault()?.Reason ?? "not answered";
                logger.LogWarning("Footage {Task}: cloud transcription of piece {Piece} of {Pieces} failed ({Reason}); the worker's transcript stays.",
                    call.TaskId, i + 1, pieces.Count, reason);
                var note = $"Cloud transcription failed ({reason}); the offline transcript ({offline.Source}) is used.";
                return offline with { Note = offline.Note is { } had ? $"{had} {note}" : note };
            }

            words.AddRange(heard.Value.Words
                .Select(w => new CueWord(w.Text, Math.Clamp(start + w.Start, start, end), Math.Clamp(start + w.End, start, end)))
                .Where(w => w.End >= w.Start));
        }

        logger.LogInformation("Footage {Task}: {Words} words heard in {Pieces} pieces by the cloud recognizer.", call.TaskId, words.Count, pieces.Count);
        return new FootageTranscript { Source = TranscriptSources.AzureOpenAi, Language = offline.Language, Words = words.OrderBy(w => w.Start).ToList() };
    }

    private static BinaryData Slice(PcmAudio audio, double start, double end)
    {
        var (from, to) = ((int)Math.Round(start * audio.SampleRate), Math.Min(audio.Samples.Length, (int)Math.Round(end * audio.SampleRate)));
        return BinaryData.FromBytes(new PcmAudio(audio.Samples[from..to], audio.SampleRate).ToWav());
    }
}
