using Serverless.Media.Quality;
using Serverless.Media.Rendering;
using Serverless.Media.Tests.Fixtures;
using Xunit.Abstractions;

namespace Serverless.Media.Tests.Quality;

/// <summary>Two characters, one spoken by festival and one by espeak-ng at a low volume (amplitude 15 of 200), sit at one loudness once levelled.</summary>
public sealed class VoiceLevelerTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly VoiceLeveler _leveler = new(new MediaOptions());

    [Fact]
    public async Task A_festival_and_a_quiet_espeak_voice_end_within_1_LU_of_each_other()
    {
        var line = _folder.File("line.txt");
        await File.WriteAllTextAsync(line, "One coffee, please. Whatever is fastest.");
        var festival = _folder.File("festival.wav");
        await Tool.RunAsync("text2wave", "-o", festival, line);
        var espeak = _folder.File("espeak.wav");
        await Tool.RunAsync("espeak-ng", "-v", "cmn-latn-pinyin", "-a", "15", "-w", espeak, "你好,我想跟你说一件事。");
        VoiceClip[] voices = [new(festival, 0, 0), new(espeak, 3, 0)];
        var before = await Task.WhenAll(voices.Select(v => _leveler.MeasureAsync(v, CancellationToken.None)));

        var leveled = await _leveler.LevelAsync(voices, CancellationToken.None);

        // The gain as the mix applies it (volume in dB on the clip), measured again from the file.
        var after = new List<double>();
        for (var k = 0; k < leveled.Count; k++)
        {
            var gained = _folder.File($"gained-{k}.wav");
            await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-i", leveled[k].Audio, "-af", $"volume={leveled[k].GainDb.ToString(System.Globalization.CultureInfo.InvariantCulture)}dB", "-c:a", "pcm_f32le", gained);
            after.Add((await _leveler.MeasureAsync(new VoiceClip(gained, 0, 0), CancellationToken.None)).IntegratedLufs);
        }

        output.WriteLine($"before: {before[0].IntegratedLufs:F1} and {before[1].IntegratedLufs:F1} LUFS; gains {leveled[0].GainDb} and {leveled[1].GainDb} dB; after: {after[0]:F2} and {after[1]:F2} LUFS");
        Assert.True(Math.Abs(before[0].IntegratedLufs - before[1].IntegratedLufs) > 3, "the two voices should start apart for this test to mean anything");
        Assert.True(Math.Abs(after[0] - after[1]) <= 1.0, $"{after[0]:F2} and {after[1]:F2} LUFS");
        Assert.All(after, lufs => Assert.InRange(lufs, VoiceLeveler.TargetLufs - 1, VoiceLeveler.TargetLufs + 1));
    }

    [Fact]
    public async Task Only_the_part_of_the_clip_the_mix_plays_is_measured()
    {
        // One second of silence, then a loud tone: measured from its offset, the clip is as loud as the tone.
        var clip = _folder.File("padded.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "sine=frequency=440:duration=2:sample_rate=22050,adelay=delays=1000",
            "-af", "volume=-6dB", clip);

        var whole = await _leveler.MeasureAsync(new VoiceClip(clip, 0, 0), CancellationToken.None);
        var played = await _leveler.MeasureAsync(new VoiceClip(clip, 0, 2, ClipOffset: 1), CancellationToken.None);

        Assert.True(played.IntegratedLufs > whole.IntegratedLufs - 0.01, $"played part {played.IntegratedLufs:F2}, whole clip {whole.IntegratedLufs:F2}");
        Assert.False(played.IsSilent);
    }

    [Fact]
    public async Task A_silent_clip_keeps_its_level()
    {
        var silence = _folder.File("silence.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "anullsrc=r=22050:cl=mono", "-t", "2", silence);

        var leveled = await _leveler.LevelAsync([new VoiceClip(silence, 0, 0)], CancellationToken.None);

        Assert.Equal(0, leveled[0].GainDb);
    }

    public void Dispose() => _folder.Dispose();
}
