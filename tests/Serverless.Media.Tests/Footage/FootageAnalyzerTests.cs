using Serverless.Media.Footage;
using Serverless.Media.Tests.Fixtures;
using Serverless.Testing;

namespace Serverless.Media.Tests.Footage;

/// <summary>The analysis of a talk the tests made themselves, against what they know was said and cut.</summary>
[Collection(ShortFootageCollection.Name)]
public sealed class FootageAnalyzerTests(ShortFootage footage) : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Pocketsphinx_hears_the_product_words_and_the_price_when_festival_said_them()
    {
        var words = footage.Report.Words;
        var priceLine = footage.Made.Lines.Single(l => l.Text.Contains("forty nine", StringComparison.Ordinal));
        Assert.Equal("pocketsphinx", footage.Report.Recognizer);
        foreach (var expected in new[] { "blender", "forty", "nine", "dollars" })
        {
            Assert.Contains(words, w => w.Text == expected && w.Start >= priceLine.Start - 0.3 && w.End <= priceLine.End + 0.3);
        }

        var english = footage.Made.Lines.Where(l => !l.Mandarin).ToList();
        var said = english.Sum(l => l.Text.Split(' ').Length);
        Assert.InRange(words.Count(w => english.Any(l => w.Start >= l.Start - 0.3 && w.End <= l.End + 0.3)), said * 0.7, said * 1.3);
    }

    [Fact]
    public void Each_line_is_a_speech_region_and_the_pauses_between_lines_are_not()
    {
        var speech = footage.Report.Speech;
        foreach (var line in footage.Made.Lines)
        {
            Assert.Contains(speech, s => s.Start < line.End && s.End > line.Start);
        }

        foreach (var pause in footage.Made.PauseMiddles)
        {
            Assert.DoesNotContain(speech, s => s.Start <= pause && s.End >= pause);
        }
    }

    [Fact]
    public void Scene_changes_are_found_at_each_cut_and_nowhere_else()
    {
        var scenes = footage.Report.SceneChanges;
        Assert.Equal(footage.Made.Cuts.Count, scenes.Count);
        foreach (var cut in footage.Made.Cuts)
        {
            Assert.Contains(scenes, s => Math.Abs(s - cut) <= 0.15);
        }
    }

    [Fact]
    public void The_curves_cover_every_second_and_follow_the_sound_and_the_pictures()
    {
        var seconds = (int)Math.Ceiling(footage.Made.DurationSeconds);
        var report = footage.Report;
        Assert.Equal(seconds, report.LoudnessPerSecond.Count);
        Assert.Equal(seconds, report.SpeechEnergyPerSecond.Count);
        Assert.Equal(seconds, report.MotionPerSecond.Count);

        // A second wholly inside a pause (with the 400 ms loudness window around it) is silence; the middle of a line is speech.
        var lines = footage.Made.Lines;
        var quiet = Enumerable.Range(1, lines.Count - 1)
            .Select(i => (Second: (int)Math.Ceiling(lines[i - 1].End + 0.2), Next: lines[i].Start))
            .First(p => p.Second + 1.2 <= p.Next).Second;
        var line = lines[1];
        var middle = (int)((line.Start + line.End) / 2);
        Assert.Equal(FootageAnalyzer.SilenceLufs, report.LoudnessPerSecond[quiet]);
        Assert.True(report.LoudnessPerSecond[middle] > -40, $"{report.LoudnessPerSecond[middle]} LUFS while a line is said");
        Assert.Equal(0, report.SpeechEnergyPerSecond[quiet]);
        Assert.True(report.SpeechEnergyPerSecond[middle] > 0.2, $"speech energy {report.SpeechEnergyPerSecond[middle]} while a line is said");
        Assert.All(report.MotionPerSecond.Skip(1), m => Assert.True(m > 0, "every scene moves"));
    }

    [Fact]
    public async Task The_speech_track_proxy_and_thumbnails_are_written()
    {
        var report = footage.Report;
        var proxy = await new Serverless.Media.Probing.MediaProbe(ShortFootage.Options).AnalyseAsync(report.ProxyPath);
        Assert.Equal(FootageAnalyzer.ProxyShortSide, proxy.Height);
        Assert.Equal(960, proxy.Width);
        Assert.NotNull(proxy.AudioCodec);
        Assert.Equal(FootageAnalyzer.ThumbnailCount, report.ThumbnailPaths.Count);
        Assert.All(report.ThumbnailPaths, p => Assert.True(new FileInfo(p).Length > 1000));
        var audio = await new Serverless.Media.Probing.MediaProbe(ShortFootage.Options).AnalyseAsync(report.AudioPath);
        Assert.InRange(audio.Duration.TotalSeconds, footage.Made.DurationSeconds - 0.1, footage.Made.DurationSeconds + 0.1);
    }

    [Fact]
    public async Task Mandarin_speech_gets_regions_without_words_and_says_why()
    {
        var report = await footage.Analyzer.AnalyzeAsync(new FootageSource(footage.Made.Path, 600, 1L << 30, "zh-CN"), footage.Vad, _folder.File("zh"), CancellationToken.None);

        Assert.Null(report.Recognizer);
        Assert.Empty(report.Words);
        Assert.Contains("Mandarin", report.TranscriptNote, StringComparison.Ordinal);
        var mandarin = footage.Made.Lines.Single(l => l.Mandarin);
        Assert.Contains(report.Speech, s => s.Start < mandarin.End && s.End > mandarin.Start);
    }

    [Fact]
    public async Task A_file_that_is_not_a_video_is_refused_as_such()
    {
        var text = _folder.File("notes.mp4");
        await File.WriteAllTextAsync(text, "these are my notes, not a video");
        var still = await TestMedia.StillAsync(_folder.Path, "still.png", 0, 320, 240);

        foreach (var path in new[] { text, still })
        {
            var refused = await Assert.ThrowsAsync<FootageRefusedException>(() => Analyze(path, 600, 1L << 30));
            Assert.Equal(FootageProblem.NotVideo, refused.Problem);
        }
    }

    [Fact]
    public async Task A_video_without_sound_is_refused_as_such()
    {
        var silent = _folder.File("silent.mp4");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=320x240:r=10:d=2", "-c:v", "libx264", "-preset", "ultrafast", silent);

        var refused = await Assert.ThrowsAsync<FootageRefusedException>(() => Analyze(silent, 600, 1L << 30));
        Assert.Equal(FootageProblem.NoAudio, refused.Problem);
    }

    [Fact]
    public async Task A_video_over_the_plans_length_or_size_is_refused_with_the_figures()
    {
        var tooLong = await Assert.ThrowsAsync<FootageRefusedException>(() => Analyze(footage.Made.Path, 30, 1L << 30));
        Assert.Equal(FootageProblem.TooLong, tooLong.Problem);
        Assert.Contains("at most 30 s", tooLong.Message, StringComparison.Ordinal);

        var tooLarge = await Assert.ThrowsAsync<FootageRefusedException>(() => Analyze(footage.Made.Path, 600, 1000));
        Assert.Equal(FootageProblem.TooLarge, tooLarge.Problem);
    }

    private Task<FootageReport> Analyze(string path, double maxSeconds, long maxBytes) =>
        footage.Analyzer.AnalyzeAsync(new FootageSource(path, maxSeconds, maxBytes), footage.Vad, _folder.File("refused"), CancellationToken.None);

    public void Dispose() => _folder.Dispose();
}
