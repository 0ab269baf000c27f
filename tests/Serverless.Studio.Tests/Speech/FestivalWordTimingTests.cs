using Serverless.Captions;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Speech;
using Serverless.Testing;
using Xunit.Abstractions;

namespace Serverless.Studio.Tests.Speech;

/// <summary>festival's word boundaries, as the clip carries them, against what an ASR round trip (pocketsphinx) hears.</summary>
public sealed class FestivalWordTimingTests(ITestOutputHelper output)
{
    private const string Line = "I finally found the coffee you left on the kitchen table this morning";
    private static readonly EspeakSpeechSynthesizer Synthesizer = new();

    [Theory]
    [InlineData("Mia", "female", null)]
    [InlineData("Leo", "male", "tired")]
    public async Task Festival_word_times_agree_with_pocketsphinx_within_150_ms_on_the_median(string character, string gender, string? emotion)
    {
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = Line, Character = character, CharacterAttributes = [gender], Emotion = emotion });

        Assert.StartsWith("festival:", clip.Voice, StringComparison.Ordinal);
        var words = Assert.IsAssignableFrom<IReadOnlyList<CueWord>>(clip.Words);
        Assert.Equal(Line.Split(' '), words.Select(w => w.Text));
        Assert.True(CaptionWords.AreInside(words, 0, clip.DurationSeconds), string.Join(", ", words));

        var heard = await EnglishRecognizer.HearAsync(clip.Wav);
        var (median, paired) = EnglishRecognizer.StartAgreement(words.Select(w => (w.Text, w.Start)).ToList(), heard.Words);
        output.WriteLine($"{clip.Voice}: {paired} words paired, median start gap {median * 1000:F0} ms; heard \"{heard.Transcript}\"");
        Assert.True(paired >= 8, $"only {paired} words paired; heard \"{heard.Transcript}\"");
        Assert.True(median <= 0.150, $"median start gap {median * 1000:F0} ms");
    }

    [Fact]
    public async Task A_token_festival_reads_as_several_words_is_timed_as_the_one_word_written()
    {
        const string line = "It cost 1999 dollars, \"honestly\".";
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = line });

        var words = Assert.IsAssignableFrom<IReadOnlyList<CueWord>>(clip.Words);
        Assert.Equal(["It", "cost", "1999", "dollars,", "\"honestly\"."], words.Select(w => w.Text));
        // "nineteen ninety nine" takes longer to say than "cost".
        Assert.True(words[2].End - words[2].Start > words[1].End - words[1].Start, string.Join(", ", words));
        Assert.True(CaptionWords.AreInside(words, 0, clip.DurationSeconds), string.Join(", ", words));
    }

    [Fact]
    public async Task Espeak_lines_carry_no_word_times_of_their_own()
    {
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "你好,我想跟你说一件事。", Character = "小明" });

        Assert.StartsWith("espeak-ng:", clip.Voice, StringComparison.Ordinal);
        Assert.Null(clip.Words);
    }
}
