using Serverless.Captions;
using Serverless.Contracts.Rendering;
using Serverless.Media.Rendering;
using Serverless.Media.Speech;
using Serverless.Media.Tests.Fixtures;
using Serverless.Testing;
using Xunit.Abstractions;
using SubtitleCue = Serverless.Media.Subtitles.SubtitleCue;

namespace Serverless.Media.Tests.Speech;

/// <summary>
/// Words of a line with no word times of its own (as espeak-ng's lines come) are fitted to the speech Silero VAD finds
/// in the clip: checked against where an ASR round trip (pocketsphinx) hears each word. English is the language
/// pocketsphinx can hear, so the clip is festival's voice with its own word times ignored.
/// </summary>
public sealed class WordAlignmentTests(ITestOutputHelper output) : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SileroVad _vad = new(SourceTree.SileroVadModel(), new MediaOptions());

    [Theory]
    [InlineData("Mornings are rushed, and your coffee should never taste like it. Sixty seconds, zero mess.")]
    [InlineData("I can't believe this came out of something that small. Order today and get free shipping anywhere in the city.")]
    public async Task Words_fitted_to_the_voiced_regions_agree_with_pocketsphinx_within_150_ms_on_the_median(string line)
    {
        var text = _folder.File("line.txt");
        await File.WriteAllTextAsync(text, line);
        var spoken = _folder.File("spoken.wav");
        await Tool.RunAsync("text2wave", "-o", spoken, text);
        // Leading silence, as a clip often has: the words must not be spread over it.
        var clip = _folder.File("clip.wav");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-i", spoken, "-af", "adelay=delays=700:all=1,apad=pad_dur=0.5", clip);
        var seconds = (await new Serverless.Media.Probing.MediaProbe(new MediaOptions()).AnalyseAsync(clip)).Duration.TotalSeconds;

        var segments = await _vad.DetectAsync(clip);
        var (voices, cues) = SpeechAlignment.Align([new VoiceClip(clip, 0, seconds)], [new SubtitleCue(0, seconds, line)], [segments]);

        var words = Assert.IsAssignableFrom<IReadOnlyList<CueWord>>(cues[0].Words);
        Assert.Equal(CaptionWords.Units(line), words.Select(w => w.Text));
        Assert.True(CaptionWords.AreInside(words, cues[0].Start, cues[0].End), string.Join(", ", words));
        // The voice plays from its first detected word, so a word's time in the clip is its time on the timeline plus the trim.
        var trimmed = voices[0].ClipOffset;
        var heard = await EnglishRecognizer.HearAsync(await File.ReadAllBytesAsync(clip));
        var (median, paired) = EnglishRecognizer.StartAgreement(words.Select(w => (w.Text, w.Start + trimmed)).ToList(), heard.Words);
        output.WriteLine($"{segments.Count} voiced regions, {paired} words paired, median start gap {median * 1000:F0} ms; heard \"{heard.Transcript}\"");
        Assert.True(paired >= 8, $"only {paired} words paired; heard \"{heard.Transcript}\"");
        Assert.True(median <= 0.150, $"median start gap {median * 1000:F0} ms");
    }

    public void Dispose()
    {
        _vad.Dispose();
        _folder.Dispose();
    }
}
