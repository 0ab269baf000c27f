using Serverless.Media.Subtitles;

namespace Serverless.Media.Tests.Subtitles;

public sealed class SubtitleFileTests
{
    private static readonly SubtitleStyle Style = SubtitleStyle.For(1080, 1920);

    [Fact]
    public void Ass_uses_the_frame_as_its_canvas_and_the_named_cjk_font()
    {
        var ass = AssSubtitleFile.Build([new SubtitleCue(1.5, 3.25, "你好")], 1080, 1920, Style);

        Assert.Contains("PlayResX: 1080\nPlayResY: 1920", ass);
        Assert.Contains("Style: Default,Noto Sans CJK SC,65,", ass);
        Assert.Contains("Dialogue: 0,0:00:01.50,0:00:03.25,Default,,0,0,0,,你好", ass);
    }

    [Fact]
    public void Override_tags_and_commands_in_user_text_are_made_inert()
    {
        var ass = AssSubtitleFile.Build([new SubtitleCue(0, 1, "a{\\pos(0,0)}b\\Nc\nd")], 1080, 1920, Style);
        var dialogue = ass.Split('\n').Single(l => l.StartsWith("Dialogue:", StringComparison.Ordinal));

        Assert.DoesNotContain("{", dialogue);
        Assert.DoesNotContain("\\pos", dialogue);
        Assert.DoesNotContain("\\N", dialogue);
        Assert.Contains("a｛＼pos(0,0)｝b＼Nc d", dialogue);
    }

    [Fact]
    public void A_speaker_is_shown_in_a_colour_of_its_own()
    {
        var ass = AssSubtitleFile.Build([new SubtitleCue(0, 1, "你好", "小明")], 1080, 1920, Style);

        Assert.Matches(@"\{\\c&H[0-9A-F]{6}&\}小明\{\\r\}：你好", ass);
    }

    [Fact]
    public void Long_chinese_lines_are_broken_to_fit_a_portrait_frame()
    {
        var text = new string('好', 30);
        var ass = AssSubtitleFile.Build([new SubtitleCue(0, 1, text)], 1080, 1920, Style);
        var lines = ass.Split('\n').Single(l => l.StartsWith("Dialogue:", StringComparison.Ordinal)).Split(",,")[^1].Split("\\N");

        var fits = (1080 - 2.0 * Style.MarginHorizontal) / Style.FontSize;
        Assert.True(lines.Length >= 2);
        Assert.All(lines, l => Assert.True(SubtitleLines.Width(l) <= fits, $"'{l}' is wider than {fits} em"));
        Assert.Equal(text, string.Concat(lines));
    }

    [Fact]
    public void Latin_words_are_not_broken()
    {
        var lines = SubtitleLines.Wrap("the quick brown fox jumps over the lazy dog again and again", 12);

        Assert.True(lines.Count > 1);
        Assert.Equal("the quick brown fox jumps over the lazy dog again and again", string.Join(' ', lines));
    }

    [Fact]
    public void Srt_and_vtt_number_and_time_their_cues()
    {
        SubtitleCue[] cues = [new SubtitleCue(3723.5, 3725, "b <i>&"), new SubtitleCue(0.25, 1, "a", "Mia")];

        var srt = SrtSubtitleFile.Build(cues);
        var vtt = VttSubtitleFile.Build(cues);

        Assert.Equal("1\n00:00:00,250 --> 00:00:01,000\nMia：a\n\n2\n01:02:03,500 --> 01:02:05,000\nb <i>&\n\n", srt);
        Assert.StartsWith("WEBVTT\n\n00:00:00.250 --> 00:00:01.000\nMia：a\n\n", vtt);
        Assert.Contains("01:02:03.500 --> 01:02:05.000\nb &lt;i>&amp;\n", vtt);
    }
}
