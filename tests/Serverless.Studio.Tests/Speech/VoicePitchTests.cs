using Xunit.Abstractions;
using Serverless.Studio.Characters;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Tests.Speech;

/// <summary>
/// Voices follow the look, measured on the recorded clips: the median pitch of a woman's lines is above a man's, a
/// child's above both, and a senior man's below a man's. Pitch is estimated here by autocorrelation, independently of
/// the synthesizer's settings.
/// </summary>
public sealed class VoicePitchTests(ITestOutputHelper output)
{
    private static readonly EspeakSpeechSynthesizer Synthesizer = new();

    public static TheoryData<string, string[]> Lines() => new()
    {
        { "english", ["I left the notebook on the train.", "Wait for me at the station.", "Is that our train?"] },
        { "mandarin", ["我把笔记本忘在火车上了。", "在车站等我。", "那是我们的火车吗？"] },
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public async Task Children_sound_highest_then_women_then_men_and_senior_men_lowest(string language, string[] lines)
    {
        var woman = await MedianPitchAsync(Cast("MARA", CharacterGender.Female, CharacterAge.Adult), lines);
        var man = await MedianPitchAsync(Cast("OWEN", CharacterGender.Male, CharacterAge.Adult), lines);
        var child = await MedianPitchAsync(Cast("PIP", CharacterGender.Male, CharacterAge.Child), lines);
        var senior = await MedianPitchAsync(Cast("ABE", CharacterGender.Male, CharacterAge.Senior), lines);

        var figures = $"{language}: child {child:0} Hz, woman {woman:0} Hz, man {man:0} Hz, senior man {senior:0} Hz";
        output.WriteLine(figures);
        Assert.True(woman > man * 1.15, figures);
        Assert.True(child > woman * 1.05, figures);
        Assert.True(senior < man, figures);
    }

    [Fact]
    public void A_voice_chosen_in_the_bible_wins_and_a_look_cast_voice_is_stable()
    {
        var child = Cast("PIP", CharacterGender.Male, CharacterAge.Child);
        Assert.Equal(CharacterVoice.Cast(child.Name, child.VoiceAttributes()), CharacterVoice.Cast(child.Name, child.VoiceAttributes()));
        Assert.Equal("m3", CharacterVoice.Cast(child.Name, child.VoiceAttributes(), "m3").Variant);
    }

    private static Character Cast(string name, CharacterGender gender, CharacterAge age) =>
        new(name, []) { Look = new CharacterLook(gender, age, new CharacterPalette("#d15757", "#241c22")) };

    private static async Task<double> MedianPitchAsync(Character character, string[] lines)
    {
        var pitches = new List<double>();
        foreach (var line in lines)
        {
            var clip = await Synthesizer.SynthesizeAsync(new SpeechRequest { Text = line, Character = character.Name, CharacterAttributes = character.VoiceAttributes() });
            pitches.AddRange(FramePitches(PcmAudio.FromWav(clip.Wav)));
        }

        Assert.True(pitches.Count > 20, $"{character.Name}: only {pitches.Count} voiced frames");
        pitches.Sort();
        return pitches[pitches.Count / 2];
    }

    /// <summary>Pitch (Hz) of each voiced 40 ms frame: the lag of the autocorrelation peak between 50 and 500 Hz.</summary>
    private static IEnumerable<double> FramePitches(PcmAudio audio)
    {
        var rate = audio.SampleRate;
        var frame = rate / 25;
        var (minLag, maxLag) = (rate / 500, rate / 50);
        var loudest = audio.Samples.Max(s => Math.Abs((int)s));
        for (var start = 0; start + frame + maxLag < audio.Samples.Length; start += frame / 2)
        {
            var energy = 0.0;
            for (var i = 0; i < frame; i++)
            {
                energy += (double)audio.Samples[start + i] * audio.Samples[start + i];
            }

            if (Math.Sqrt(energy / frame) < loudest * 0.08)
            {
                continue;
            }

            var (bestLag, best) = (0, 0.0);
            for (var lag = minLag; lag <= maxLag; lag++)
            {
                var sum = 0.0;
                var norm = 0.0;
                for (var i = 0; i < frame; i++)
                {
                    sum += (double)audio.Samples[start + i] * audio.Samples[start + i + lag];
                    norm += (double)audio.Samples[start + i + lag] * audio.Samples[start + i + lag];
                }

                var r = sum / Math.Sqrt(energy * norm + 1e-9);
                if (r > best)
                {
                    (bestLag, best) = (lag, r);
                }
            }

            // Only clearly periodic frames are voiced; noise and consonants have no strong peak.
            if (best > 0.5)
            {
                yield return (double)rate / bestLag;
            }
        }
    }
}
