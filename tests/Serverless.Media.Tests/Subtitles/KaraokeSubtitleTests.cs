using Serverless.Captions;
using Serverless.Contracts.Rendering;
using Serverless.Media.Subtitles;
using Serverless.Media.Tests.Fixtures;
using SubtitleCue = Serverless.Media.Subtitles.SubtitleCue;

namespace Serverless.Media.Tests.Subtitles;

/// <summary>Word times in the exports: ASS karaoke tags for the karaoke look, WebVTT inline timestamps.</summary>
public sealed class KaraokeSubtitleTests : IDisposable
{
    private static readonly SubtitleStyle Karaoke = SubtitleStyle.For(1080, 1920, SubtitleLook.Karaoke);
    private static readonly SubtitleCue Cue = new(1.0, 3.0, "Hello there friend.", null, [new("Hello", 1.0, 1.4), new("there", 1.6, 2.0), new("friend.", 2.0, 2.8)]);
    private readonly TempFolder _folder = new();

    [Fact]
    public void The_karaoke_look_tags_each_word_with_the_pause_before_it_and_its_own_length()
    {
        var ass = AssSubtitleFile.Build([Cue], 1080, 1920, Karaoke);

        Assert.Contains("Dialogue: 0,0:00:01.00,0:00:03.00,Default,,0,0,0,,{\\kf40}Hello {\\k20}{\\kf40}there {\\kf80}friend.\n", ass);
        // Said words turn from the secondary colour (white) to the primary one (the highlight).
        Assert.Contains($"Style: Default,Noto Sans CJK SC,{Karaoke.FontSize},{Karaoke.HighlightColour},&H00FFFFFF,", ass);
    }

    [Fact]
    public void Other_looks_carry_no_karaoke_tags()
    {
        var ass = AssSubtitleFile.Build([Cue], 1080, 1920, SubtitleStyle.For(1080, 1920));

        Assert.DoesNotContain("\\k", ass);
        Assert.Contains(",,Hello there friend.\n", ass);
    }

    [Fact]
    public void The_speakers_name_is_not_sung_and_a_group_the_wrap_breaks_is_still_tagged()
    {
        var text = new string('好', 28);
        var words = CaptionWords.Spread(text, 0, 7);
        var ass = AssSubtitleFile.Build([new SubtitleCue(0, 7, text, "小明", words)], 1080, 1920, Karaoke);
        var dialogue = ass.Split('\n').Single(l => l.StartsWith("Dialogue:", StringComparison.Ordinal));

        Assert.Matches(@"\{\\c&H[0-9A-F]{6}&\}小明\{\\r\}：\{\\kf50\}好好", dialogue);
        Assert.Contains("\\N", dialogue);
        Assert.Equal(words.Count, CountOf(dialogue, "{\\kf"));
        Assert.Equal(text, System.Text.RegularExpressions.Regex.Replace(dialogue.Split("：")[1], @"\{[^}]*\}|\\N", ""));
    }

    [Fact]
    public async Task Libass_lights_up_the_words_said_so_far_in_the_burned_in_picture()
    {
        var cue = new SubtitleCue(0, 3, "HELLO WORLD", null, [new("HELLO", 0.0, 0.5), new("WORLD", 2.0, 2.5)]);
        var karaoke = _folder.File("karaoke.ass");
        await File.WriteAllTextAsync(karaoke, AssSubtitleFile.Build([cue], 640, 360, SubtitleStyle.For(640, 360, SubtitleLook.Karaoke)));
        var classic = _folder.File("classic.ass");
        await File.WriteAllTextAsync(classic, AssSubtitleFile.Build([cue], 640, 360, SubtitleStyle.For(640, 360)));

        var first = await HighlightedPixelsAsync(karaoke, 1.0);
        var both = await HighlightedPixelsAsync(karaoke, 2.9);
        var none = await HighlightedPixelsAsync(classic, 2.9);

        Assert.True(first > 50, $"{first} highlighted pixels while the first word is said");
        Assert.True(both > first * 1.5 && both < first * 2.6, $"{both} highlighted pixels once both words are said, {first} with one");
        Assert.Equal(0, none);
    }

    [Fact]
    public void WebVtt_sidecars_carry_a_timestamp_before_each_word_said_inside_the_cue()
    {
        var vtt = VttSubtitleFile.Build([Cue with { Speaker = "Mia", Text = "Hello there friend." }]);

        Assert.Contains("00:00:01.000 --> 00:00:03.000\nMia：Hello <00:00:01.600>there <00:00:02.000>friend.\n", vtt);
    }

    /// <summary>Pixels in the highlight's yellow in the frame at <paramref name="seconds"/> of black video with the file burned in.</summary>
    private static async Task<int> HighlightedPixelsAsync(string ass, double seconds)
    {
        var rgb = await Tool.RunBinaryAsync("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=black:s=640x360:r=10:d=3",
            "-vf", $"subtitles=filename={ass}", "-ss", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture), "-frames:v", "1",
            "-f", "rawvideo", "-pix_fmt", "rgb24", "-");
        var count = 0;
        for (var i = 0; i + 2 < rgb.Length; i += 3)
        {
            if (rgb[i] > 200 && rgb[i + 1] > 170 && rgb[i + 2] < 90)
            {
                count++;
            }
        }

        return count;
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;

    public void Dispose() => _folder.Dispose();
}
