using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Captions;
using Serverless.Contracts.Footage;
using Serverless.Studio.Footage;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Speech;
using Serverless.Studio.Tests.Providers;
using Serverless.Testing;
using Serverless.Testing.Providers;

namespace Serverless.Studio.Tests.Footage;

/// <summary>
/// Cloud transcription of a footage's sound, the operator's deployment played by the Azure OpenAI wire server over a
/// talk festival spoke: the sound goes in pieces cut at silences, the words come back at footage time, the minutes are
/// metered, and a failing recognizer leaves pocketsphinx's transcript.
/// </summary>
public sealed class FootageTranscriptionTests : IAsyncLifetime
{
    private static readonly EspeakSpeechSynthesizer Voices = new();

    private static readonly string[] Lines =
    [
        "Welcome back to the shop, today we unbox the new camera",
        "The battery lasts two full days on one charge",
        "So how bright is the screen outside in the sun",
        "It is bright enough to read at noon on the beach",
        "The price is only forty nine dollars with free shipping",
        "Order it today while the limited stock lasts",
    ];

    private static readonly Lazy<Task<Talk>> Spoken = new(SpeakAsync);

    private FakeAzureOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAzureOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_recognizers_words_land_in_the_transcript_at_the_times_they_are_said()
    {
        var talk = await Spoken.Value;
        _server.Transcribe = (piece, _) => talk.HeardIn(piece);
        using var host = Host();
        var user = "transcribe-" + Guid.NewGuid().ToString("N");

        var transcript = await Transcription(host).TranscribeAsync(talk.Wav, talk.Analysis, new BilledCall(user, "ftg_t", "tsk_t", "transcription"));

        Assert.Equal((TranscriptSources.AzureOpenAi, "en", null), (transcript.Source, transcript.Language, transcript.Note));
        Assert.Equal(talk.Words.Select(w => w.Text), transcript.Words.Select(w => w.Text));
        Assert.All(transcript.Words.Zip(talk.Words), p =>
        {
            Assert.Equal(p.Second.Start, p.First.Start, 0.002);
            Assert.Equal(p.Second.End, p.First.End, 0.002);
        });
        // Against an independent ear: pocketsphinx's start times on the same sound.
        var (median, paired) = EnglishRecognizer.StartAgreement(transcript.Words.Select(w => (w.Text, w.Start)).ToList(), talk.Heard.Words);
        Assert.True(paired >= 20 && median <= 0.15, $"{paired} words paired, median start gap {median * 1000:F0} ms");

        // Pieces of at most 10 s, each asked for words in English, cut where no word is said.
        var asked = _server.Requests.Where(r => r.Path.EndsWith("/audio/transcriptions", StringComparison.Ordinal)).ToList();
        Assert.InRange(asked.Count, 3, 6);
        Assert.All(asked, r =>
        {
            Assert.Contains("/openai/deployments/whisper/", r.Path, StringComparison.Ordinal);
            Assert.Contains("response_format=verbose_json", r.Body, StringComparison.Ordinal);
            Assert.Contains("timestamp_granularities[]=word", r.Body, StringComparison.Ordinal);
            Assert.Contains("language=en", r.Body, StringComparison.Ordinal);
            var bytes = long.Parse(r.Body.Split("file_bytes=")[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(bytes, 1, (10.0 * talk.SampleRate * 2) + 100);
        });
        var cuts = talk.Pieces.Skip(1).Select(p => p.Start).ToList();
        Assert.Equal(asked.Count - 1, cuts.Count);
        Assert.DoesNotContain(talk.Words, w => cuts.Any(c => c > w.Start - 0.05 && c < w.End + 0.05));

        var metered = Assert.Single(await host.Get<IUsageMeter>().GetTotalsAsync(user));
        Assert.Equal((ProviderNames.AzureOpenAI, asked.Count), (metered.Provider, (int)metered.Calls));
        Assert.Equal(talk.Seconds, metered.AudioSeconds, 0.01);
    }

    [Fact]
    public async Task A_failing_recognizer_leaves_pocketsphinxs_transcript_and_says_so()
    {
        var talk = await Spoken.Value;
        _server.Transcribe = (piece, _) => talk.HeardIn(piece);
        _server.Enqueue(async context =>
        {
            // The first piece is heard; the second fails.
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(System.Text.Json.JsonSerializer.Serialize(new { text = "", words = Array.Empty<object>() }));
        });
        _server.Enqueue(FakeAzureOpenAIServer.Status(500));
        using var host = Host();

        var transcript = await Transcription(host).TranscribeAsync(talk.Wav, talk.Analysis, new BilledCall("transcribe-500", null, "tsk_f", "transcription"));

        Assert.Equal(TranscriptSources.Pocketsphinx, transcript.Source);
        Assert.Equal(talk.Analysis.Transcript.Words, transcript.Words);
        Assert.NotEmpty(transcript.Words);
        Assert.Equal("Cloud transcription failed (HTTP 500); the offline transcript (pocketsphinx) is used.", transcript.Note);
        Assert.Equal(2, _server.Requests.Count);
    }

    [Fact]
    public async Task Without_a_transcription_deployment_the_workers_transcript_stays_and_nothing_is_sent()
    {
        var talk = await Spoken.Value;
        using var host = ProviderHost.Create(_server.Endpoint);

        var transcription = Transcription(host);
        var transcript = await transcription.TranscribeAsync(talk.Wav, talk.Analysis, new BilledCall("transcribe-none", null, "tsk_n", "transcription"));

        Assert.False(transcription.Configured);
        Assert.Same(talk.Analysis.Transcript, transcript);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Mandarin_gets_words_from_the_cloud_where_the_worker_had_none()
    {
        var clip = await Voices.SynthesizeAsync(new SpeechRequest { Text = "这款相机的电池可以用两天,价格只要四十九元。", Character = "小明" });
        var audio = PcmAudio.FromWav(clip.Wav);
        var speech = new SpeechSpan(0.05, audio.DurationSeconds - 0.05);
        _server.Transcribe = (piece, language) => language == "zh"
            ? [new CueWord("这款", 0.1, 0.5), new CueWord("相机", 0.5, 0.9), new CueWord("电池", 1.1, 1.5)]
            : [];
        var analysis = new FootageAnalysis
        {
            DurationSeconds = audio.DurationSeconds,
            Width = 1920,
            Height = 1080,
            Transcript = new FootageTranscript { Source = TranscriptSources.None, Language = "zh", Note = "No offline speech recognizer for zh." },
            SpeechRegions = [speech],
        };
        using var host = Host();

        var transcript = await Transcription(host).TranscribeAsync(BinaryData.FromBytes(clip.Wav), analysis, new BilledCall("transcribe-zh", null, "tsk_z", "transcription"));

        Assert.Equal((TranscriptSources.AzureOpenAi, "zh", null), (transcript.Source, transcript.Language, transcript.Note));
        Assert.Equal(["这款", "相机", "电池"], transcript.Words.Select(w => w.Text));
        Assert.Contains("language=zh", Assert.Single(_server.Requests).Body, StringComparison.Ordinal);
        var picked = new HighlightPicker(Options.Create(new HighlightOptions { MinSeconds = 3 })).Pick(analysis with { Transcript = transcript }, new HighlightRequest());
        Assert.Equal(HighlightUnits.Sentences, picked.Units);
    }

    [Fact]
    public void Pieces_are_cut_in_the_widest_silence_of_their_second_half_and_never_run_past_the_limit()
    {
        // Half an hour of 4 s sentences with pauses of 0.4 s, and every seventh pause 1.5 s long.
        var regions = new List<SpeechSpan>();
        for (var (t, i) = (0.5, 0); t < 1800; i++)
        {
            regions.Add(new SpeechSpan(t, t + 4));
            t += 4 + (i % 7 == 6 ? 1.5 : 0.4);
        }

        var pieces = TranscriptionPieces.Plan(1800, regions, 600);

        Assert.Equal(0, pieces[0].Start);
        Assert.Equal(1800, pieces[^1].End);
        Assert.All(pieces, p => Assert.InRange(p.End - p.Start, 0.1, 600));
        Assert.All(pieces.Zip(pieces.Skip(1)), p => Assert.Equal(p.First.End, p.Second.Start));
        Assert.All(pieces.SkipLast(1), p =>
        {
            Assert.DoesNotContain(regions, r => p.End > r.Start && p.End < r.End);
            // A long pause was within reach in each piece's second half.
            Assert.Contains(regions.Zip(regions.Skip(1)), g => g.Second.Start - g.First.End > 1 && p.End > g.First.End && p.End < g.Second.Start);
        });

        // Speech with no pause at all: cut at the limit.
        Assert.Equal([(0.0, 600.0), (600.0, 1000.0)], TranscriptionPieces.Plan(1000, [new SpeechSpan(0, 1000)], 600));
    }

    private ProviderHost Host() => ProviderHost.Create(_server.Endpoint, ("TranscriptionDeployment", "whisper"), ("TranscriptionChunkSeconds", "10"));

    private static FootageTranscription Transcription(ProviderHost host) =>
        new(host.Get<TranscriptionFallback>(), host.Get<IOptions<AzureOpenAIOptions>>(), NullLogger<FootageTranscription>.Instance);

    /// <summary>The lines spoken one after another with a second's pause, what festival said when, and what pocketsphinx heard.</summary>
    private static async Task<Talk> SpeakAsync()
    {
        var parts = new List<PcmAudio>();
        var words = new List<CueWord>();
        var regions = new List<SpeechSpan>();
        var at = 0.5;
        var rate = 0;
        foreach (var line in Lines)
        {
            var clip = await Voices.SynthesizeAsync(new SpeechRequest { Text = line });
            var audio = PcmAudio.FromWav(clip.Wav);
            rate = audio.SampleRate;
            if (parts.Count == 0)
            {
                parts.Add(new PcmAudio(new short[(int)(at * rate)], rate));
            }

            var said = clip.Words!.Select(w => new CueWord(w.Text, at + w.Start, at + w.End)).ToList();
            words.AddRange(said);
            regions.Add(new SpeechSpan(said[0].Start - 0.05, said[^1].End + 0.05));
            parts.Add(audio);
            parts.Add(new PcmAudio(new short[rate], rate));
            at += audio.DurationSeconds + 1.0;
        }

        var whole = PcmAudio.Concat(parts);
        var wav = whole.ToWav();
        var heard = await EnglishRecognizer.HearAsync(wav);
        var analysis = new FootageAnalysis
        {
            DurationSeconds = whole.DurationSeconds,
            Width = 1920,
            Height = 1080,
            Transcript = new FootageTranscript
            {
                Source = TranscriptSources.Pocketsphinx,
                Language = "en",
                Words = heard.Words.Select(w => new CueWord(w.Word, w.Start, w.End)).ToList(),
            },
            SpeechRegions = regions,
        };
        return new Talk(whole, BinaryData.FromBytes(wav), words, heard, analysis);
    }

    /// <summary>A spoken talk and its truth; <see cref="HeardIn"/> plays a recognizer that hears exactly what was said.</summary>
    private sealed record Talk(PcmAudio Audio, BinaryData Wav, IReadOnlyList<CueWord> Words, Hearing Heard, FootageAnalysis Analysis)
    {
        private readonly List<(double Start, double End)> _pieces = [];

        public int SampleRate => Audio.SampleRate;

        public double Seconds => Audio.DurationSeconds;

        public IReadOnlyList<(double Start, double End)> Pieces
        {
            get
            {
                lock (_pieces)
                {
                    return _pieces.OrderBy(p => p.Start).Distinct().ToList();
                }
            }
        }

        /// <summary>
        /// The words said inside <paramref name="piece"/>, in seconds from its start: the piece is found in the talk by
        /// its samples (it is an exact slice), so the times answered are the audio's, not the request's say-so.
        /// </summary>
        public IReadOnlyList<CueWord> HeardIn(PcmAudio piece)
        {
            var offset = Locate(piece.Samples);
            var (start, end) = ((double)offset / SampleRate, (double)(offset + piece.Samples.Length) / SampleRate);
            lock (_pieces)
            {
                _pieces.Add((start, end));
            }

            return Words.Where(w => w.Start >= start && w.End <= end)
                .Select(w => new CueWord(w.Text, w.Start - start, w.End - start))
                .ToList();
        }

        private int Locate(short[] piece)
        {
            // The first 2,000 samples that are not silence pin the slice down.
            var probe = Array.FindIndex(piece, s => s != 0);
            Assert.True(probe >= 0, "a piece of pure silence was sent");
            var span = piece.AsSpan(probe, Math.Min(2000, piece.Length - probe));
            for (var i = probe; i + span.Length <= Audio.Samples.Length; i++)
            {
                if (Audio.Samples.AsSpan(i, span.Length).SequenceEqual(span))
                {
                    return i - probe;
                }
            }

            throw new InvalidOperationException("The piece sent is no slice of the talk.");
        }
    }
}
