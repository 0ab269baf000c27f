using Serverless.Studio.Speech;

namespace Serverless.Studio.Tests.Speech;

/// <summary>All-English lines go to festival's HTS voice (apt festival + festvox-us-slt-hts, installed by dev.sh setup).</summary>
public sealed class FestivalEnglishVoiceTests
{
    private const string EnglishLine = "I finally found the coffee you left on the kitchen table.";
    private static readonly EspeakSpeechSynthesizer Synthesizer = new();

    [Fact]
    public async Task An_English_line_is_spoken_by_festival_with_a_plausible_length_and_volume()
    {
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = EnglishLine, Character = "Mia", CharacterAttributes = ["female", "barista"] });

        Assert.StartsWith("festival:", clip.Voice, StringComparison.Ordinal);
        var words = EnglishLine.Split(' ').Length;
        Assert.InRange(clip.DurationSeconds, 0.2 * words, 0.8 * words);
        Assert.Equal(22050, PcmAudio.FromWav(clip.Wav).SampleRate);
        Assert.True(await WaveformProbe.MeanVolumeDbAsync(clip.Wav) > -40);
    }

    [Theory]
    [InlineData("Mia", "female", null)]
    [InlineData("Leo", "male", null)]
    [InlineData(null, "", null)]
    [InlineData("Leo", "male", "tired")]
    public async Task English_speech_is_intelligible_to_a_speech_recognizer(string? character, string gender, string? emotion)
    {
        const string line = "I finally found the coffee you left on the kitchen table this morning";
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = line, Character = character, CharacterAttributes = [gender], Emotion = emotion });

        var transcript = await SpeechRecognizer.TranscribeEnglishAsync(clip.Wav);

        // festival measured here: 11-12 of 12 words heard (espeak-ng's English: 2-4), so 9 leaves room for ASR noise.
        Assert.True(SpeechRecognizer.WordsHeard(line, transcript) >= 9, $"{clip.Voice} was heard as \"{transcript}\"");
    }

    [Fact]
    public async Task English_characters_are_told_apart_by_pitch_and_men_sound_lower()
    {
        var mia = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "Good morning.", Character = "Mia", CharacterAttributes = ["female"] });
        var leo = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "Good morning.", Character = "Leo", CharacterAttributes = ["male"] });
        var narrator = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "Good morning." });

        Assert.Equal(3, new[] { mia.Voice, leo.Voice, narrator.Voice }.Distinct().Count());
        Assert.Contains(" -", leo.Voice, StringComparison.Ordinal);
        Assert.NotEqual(mia.Wav, leo.Wav);
    }

    [Fact]
    public async Task Mixed_Chinese_and_English_lines_stay_on_one_espeak_voice()
    {
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "我爱AeroPress", Character = "Mia", CharacterAttributes = ["female"] });

        Assert.StartsWith("espeak-ng:", clip.Voice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Festival_can_be_turned_off()
    {
        var espeakOnly = new EspeakSpeechSynthesizer(new EspeakOptions { FestivalForEnglish = false });

        var clip = await espeakOnly.SynthesizeAsync(new SpeechRequest { Text = EnglishLine, Character = "Mia" });

        Assert.StartsWith("espeak-ng:", clip.Voice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_festival_falls_back_to_espeak()
    {
        var noFestival = new EspeakSpeechSynthesizer(new EspeakOptions { FestivalExecutable = "/nonexistent/festival" });

        var clip = await noFestival.SynthesizeAsync(new SpeechRequest { Text = "Hello there." });

        Assert.StartsWith("espeak-ng:", clip.Voice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shell_and_Scheme_syntax_in_the_text_is_just_spoken()
    {
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "\"; rm -rf / $(reboot) (quit) `id` -o out.wav" });

        Assert.StartsWith("festival:", clip.Voice, StringComparison.Ordinal);
        Assert.True(clip.DurationSeconds > 1);
    }

    [Fact]
    public void Text_is_mapped_to_Latin1_without_question_marks()
    {
        Assert.Equal("It's \"fine\", really. caf\u00e9  ", FestivalEnglishVoice.Latin1("It\u2019s \u201Cfine\u201D\u2014 really\u2026 caf\u00e9 \ud83d"));
    }
}
