using System.Text.RegularExpressions;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Tests.Speech;

public sealed partial class EspeakSpeechSynthesizerTests
{
    private const string ChineseLine = "今天天气很好，我们一起去公园散步吧。";
    private static readonly EspeakSpeechSynthesizer Synthesizer = new();

    [Fact]
    public async Task Chinese_line_has_a_plausible_duration_and_is_audible()
    {
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest
        {
            Text = ChineseLine,
            Character = "小明",
            CharacterAttributes = ["男", "学生"],
        });

        var hanzi = ChineseLine.Count(c => c is >= '\u4e00' and <= '\u9fff');
        Assert.InRange(clip.DurationSeconds, 0.15 * hanzi, 0.5 * hanzi);
        var measured = PcmAudio.FromWav(clip.Wav);
        Assert.Equal(clip.DurationSeconds, measured.DurationSeconds, 3);
        Assert.True(await WaveformProbe.MeanVolumeDbAsync(clip.Wav) > -40);
    }

    [Fact]
    public async Task Chinese_line_is_read_as_Mandarin_syllables_with_tones_not_as_English()
    {
        var phonemes = await Synthesizer.PhonemesAsync(new SpeechRequest { Text = ChineseLine });

        // cmn-latn-pinyin prints a tone contour (55, 35, 214, 51...) per syllable; an English reading has none
        // and switches language with an "(en)" marker.
        var tones = ToneContour().Matches(phonemes).Count;
        var hanzi = ChineseLine.Count(c => c is >= '\u4e00' and <= '\u9fff');
        Assert.True(tones >= hanzi - 2, $"expected about {hanzi} toned syllables, got {tones}: {phonemes}");
        Assert.DoesNotContain("(en)", phonemes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Different_characters_speak_with_different_voices_and_the_narrator_with_its_own()
    {
        var ming = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "你好", Character = "小明", CharacterAttributes = ["男"] });
        var gang = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "你好", Character = "小刚", CharacterAttributes = ["男"] });
        var hong = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "你好", Character = "小红", CharacterAttributes = ["女"] });
        var narrator = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "你好" });

        string[] voices = [ming.Voice, gang.Voice, hong.Voice, narrator.Voice];
        Assert.Equal(voices.Length, voices.Distinct().Count());
        Assert.NotEqual(ming.Wav, gang.Wav);
        Assert.NotEqual(ming.Wav, hong.Wav);
        Assert.Contains(":f", hong.Voice, StringComparison.Ordinal);
        Assert.Contains(":m", ming.Voice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Same_character_always_gets_the_same_voice()
    {
        var request = new SpeechRequest { Text = "我来了", Character = "小红", CharacterAttributes = ["女", "学生"] };
        var first = await Synthesizer.SynthesizeAsync(request);
        var second = await Synthesizer.SynthesizeAsync(request);

        Assert.Equal(first.Voice, second.Voice);
        Assert.Equal(first.Wav, second.Wav);
    }

    [Fact]
    public async Task Mixed_Chinese_and_Latin_text_speaks_both_parts()
    {
        var request = new SpeechRequest { Text = "我爱AeroPress", Character = "Mia", CharacterAttributes = ["female"] };
        var clip = await Synthesizer.SynthesizeAsync(request);
        var chineseOnly = await Synthesizer.SynthesizeAsync(request with { Text = "我爱" });
        var phonemes = (await Synthesizer.PhonemesAsync(request)).Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.True(clip.DurationSeconds > chineseOnly.DurationSeconds + 0.4, $"{clip.DurationSeconds} vs {chineseOnly.DurationSeconds}");
        Assert.True(await WaveformProbe.MeanVolumeDbAsync(clip.Wav) > -40);
        Assert.Equal(2, phonemes.Length);
        Assert.Matches(ToneContour(), phonemes[0]);
        Assert.DoesNotMatch(ToneContour(), phonemes[1]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t")]
    public async Task Empty_text_is_refused_with_a_clear_argument_exception(string text)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => Synthesizer.SynthesizeAsync(new SpeechRequest { Text = text }));
        Assert.Contains("empty", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Emotion_changes_rate_pitch_and_volume()
    {
        var request = new SpeechRequest { Text = ChineseLine, Character = "小明", CharacterAttributes = ["男"] };
        var nervous = await Synthesizer.SynthesizeAsync(request with { Emotion = "紧张" });
        var tired = await Synthesizer.SynthesizeAsync(request with { Emotion = "tired" });
        var angry = await Synthesizer.SynthesizeAsync(request with { Emotion = "生气" });

        Assert.True(tired.DurationSeconds > nervous.DurationSeconds * 1.2, $"tired {tired.DurationSeconds} s, nervous {nervous.DurationSeconds} s");
        Assert.True(await WaveformProbe.MeanVolumeDbAsync(angry.Wav) > await WaveformProbe.MeanVolumeDbAsync(tired.Wav) + 3);
    }

    [Fact]
    public async Task Whispering_is_still_audible()
    {
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "别出声，他们来了。", Character = "小红", CharacterAttributes = ["女"], Emotion = "小声" });

        Assert.Contains("whisper", clip.Voice, StringComparison.Ordinal);
        Assert.True(await WaveformProbe.MeanVolumeDbAsync(clip.Wav) > -40);
    }

    [Fact]
    public async Task Text_that_looks_like_an_option_is_spoken_not_obeyed()
    {
        // Passed on stdin, "--help" is words to read; as an argument it would print usage and produce no audio.
        var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = "--help -v en 你好" });

        Assert.True(clip.DurationSeconds > 0.5);
    }

    [Fact]
    public async Task Lines_synthesized_in_parallel_match_lines_synthesized_one_by_one()
    {
        var requests = Enumerable.Range(0, 8)
            .Select(i => new SpeechRequest { Text = $"第{i}句台词，AeroPress。", Character = $"角色{i}", CharacterAttributes = [i % 2 == 0 ? "男" : "女"] })
            .ToArray();

        var parallel = await Task.WhenAll(requests.Select(r => Task.Run(() => Synthesizer.SynthesizeAsync(r))));
        for (var i = 0; i < requests.Length; i++)
        {
            var serial = await Synthesizer.SynthesizeAsync(requests[i]);
            Assert.Equal(serial.Wav, parallel[i].Wav);
        }
    }

    [Fact]
    public async Task A_missing_engine_fails_with_a_message_that_says_what_to_install()
    {
        var broken = new EspeakSpeechSynthesizer(new EspeakOptions { Executable = "/nonexistent/espeak-ng" });

        var error = await Assert.ThrowsAsync<SpeechSynthesisException>(() => broken.SynthesizeAsync(new SpeechRequest { Text = "你好" }));
        Assert.Contains("espeak-ng", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_voice_is_an_error_not_a_silent_fallback_to_English()
    {
        var badVoice = new EspeakSpeechSynthesizer(new EspeakOptions { MandarinVoice = "no-such-voice" });

        var error = await Assert.ThrowsAsync<SpeechSynthesisException>(() => badVoice.SynthesizeAsync(new SpeechRequest { Text = "你好" }));
        Assert.Contains("no-such-voice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task A_hung_engine_is_stopped_at_the_time_limit()
    {
        var hang = Path.Combine(Path.GetTempPath(), $"hang-{Guid.NewGuid():N}.sh");
        await File.WriteAllTextAsync(hang, "#!/bin/sh\nsleep 30\n");
        File.SetUnixFileMode(hang, UnixFileMode.UserRead | UnixFileMode.UserExecute | UnixFileMode.UserWrite);
        try
        {
            var hung = new EspeakSpeechSynthesizer(new EspeakOptions { Executable = hang, CallTimeout = TimeSpan.FromMilliseconds(300), FestivalForEnglish = false });
            var clock = System.Diagnostics.Stopwatch.StartNew();

            var error = await Assert.ThrowsAsync<SpeechSynthesisException>(() => hung.SynthesizeAsync(new SpeechRequest { Text = "你好" }));

            Assert.Contains("did not finish", error.Message, StringComparison.Ordinal);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"took {clock.Elapsed}");
        }
        finally
        {
            File.Delete(hang);
        }
    }

    [GeneratedRegex(@"(?<![0-9])(55|35|214|21|51|22|11|33|44)(?![0-9])")]
    private static partial Regex ToneContour();
}
