using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Tests.Screenplays;

/// <summary>Each sample parses to what samples/README.md (from ../shared/samples) says it must yield.</summary>
public sealed class SampleScriptsParseTests
{
    [Fact]
    public void Confession_seed_format_yields_two_scenes_with_the_declared_cast_carried_over()
    {
        var screenplay = ParseSample("confession.zh.txt");

        Assert.Equal(ScriptFormat.Seed, screenplay.Format);
        Assert.Null(screenplay.Title);
        Assert.Equal(["现代都市街道/傍晚", "学校天台/夜晚"], screenplay.Scenes.Select(s => $"{s.Location}/{s.Time}"));
        Assert.Equal("action dialogue dialogue dialogue narration dialogue", Types(screenplay.Scenes[0]));
        Assert.Equal("action dialogue dialogue", Types(screenplay.Scenes[1]));
        Assert.Equal(["小明:男,学生", "小红:女,学生"], Cast(screenplay));
        Assert.Equal(["小明", "小红"], screenplay.Scenes[1].Characters);
        Assert.Equal(
            ["小明/紧张", "小红/疑惑", "小明/鼓起勇气", "-/-", "小红/害羞", "小红/温柔", "小明/开心"],
            SpokenLines(screenplay).Select(l => $"{l.Character ?? "-"}/{l.Emotion ?? "-"}"));
        Assert.Equal("那个...我有话想对你说", screenplay.Scenes[0].Shots[1].Text);
        Assert.Equal("空气突然安静了下来，只剩下远处的车流声。", screenplay.Scenes[0].Shots[4].Text);
        Assert.Equal("夕阳下，放学的人群渐渐散去", screenplay.Scenes[0].Shots[0].Text);
        Assert.Equal(new ScreenplayMetadata(2, 9, screenplay.Metadata.EstimatedDuration), screenplay.Metadata);
        Assert.Equal(["scene-1", "scene-2"], screenplay.Scenes.Select(s => s.Id));
    }

    [Fact]
    public void Product_launch_english_format_yields_narration_actions_and_the_cast()
    {
        var screenplay = ParseSample("product_launch.en.txt");

        Assert.Equal(ScriptFormat.English, screenplay.Format);
        Assert.Equal(["Minimalist kitchen/morning", "City park bench/noon"], screenplay.Scenes.Select(s => $"{s.Location}/{s.Time}"));
        Assert.Equal("action narration dialogue dialogue action narration", Types(screenplay.Scenes[0]));
        Assert.Equal("dialogue narration", Types(screenplay.Scenes[1]));
        Assert.Equal(["Mia:female,barista", "Leo:male,customer"], Cast(screenplay));
        Assert.Equal(["Leo"], screenplay.Scenes[1].Characters);
        Assert.Equal(
            ["-/-", "Leo/tired", "Mia/cheerful", "-/-", "Leo/amazed", "-/-"],
            SpokenLines(screenplay).Select(l => $"{l.Character ?? "-"}/{l.Emotion ?? "-"}"));
        Assert.Equal("Mornings are rushed. Your coffee shouldn't taste like it.", screenplay.Scenes[0].Shots[1].Text);
        Assert.Equal("Mia presses the plunger; steam rises", screenplay.Scenes[0].Shots[4].Text);
        Assert.Equal(8, screenplay.Metadata.TotalShots);
    }

    [Fact]
    public void Fountain_yields_title_settings_parentheticals_and_the_off_screen_cue()
    {
        var screenplay = ParseSample("fountain_short.en.fountain");

        Assert.Equal(ScriptFormat.Fountain, screenplay.Format);
        Assert.Equal("The Last Train", screenplay.Title);
        Assert.Equal(
            ["SUBWAY PLATFORM/NIGHT/interior", "STATION ENTRANCE/CONTINUOUS/exterior"],
            screenplay.Scenes.Select(s => $"{s.Location}/{s.Time}/{s.Setting}"));
        Assert.Equal("action dialogue action dialogue", Types(screenplay.Scenes[0]));
        Assert.Equal("action dialogue action dialogue", Types(screenplay.Scenes[1]));
        Assert.Equal(["ANNA", "BEN"], screenplay.Characters.Select(c => c.Name));

        var anna = screenplay.Scenes[0].Shots[1];
        Assert.Equal(("ANNA", "whispering", "Come on, come on...", false), (anna.Character, anna.Emotion, anna.Text, anna.OffScreen));
        var ben = screenplay.Scenes[0].Shots[3];
        Assert.Equal(("BEN", null, "Anna! Wait!", true), (ben.Character, ben.Emotion, ben.Text, ben.OffScreen));
        Assert.Equal(("BEN", null, false), (screenplay.Scenes[1].Shots[1].Character, screenplay.Scenes[1].Shots[1].Emotion, screenplay.Scenes[1].Shots[1].OffScreen));
        var last = screenplay.Scenes[1].Shots[3];
        Assert.Equal(("ANNA", "softly", "I didn't forget it. I left it for you."), (last.Character, last.Emotion, last.Text));
        Assert.Equal("A distant rumble. Headlights appear in the tunnel.", screenplay.Scenes[0].Shots[2].Text);

        // Character introductions in action lines describe the character.
        Assert.Equal(["30s", "raincoat"], screenplay.FindCharacter("ANNA")!.Attributes);
        Assert.Equal(["30s", "out of breath"], screenplay.FindCharacter("BEN")!.Attributes);
    }

    [Fact]
    public void Markdown_with_full_width_punctuation_yields_title_scenes_and_three_characters()
    {
        var screenplay = ParseSample("markdown_multi.zh.md");

        Assert.Equal(ScriptFormat.Markdown, screenplay.Format);
        Assert.Equal("猫咪侦探 第一集", screenplay.Title);
        Assert.Equal(["老旧公寓走廊/深夜", "公寓天台/黎明"], screenplay.Scenes.Select(s => $"{s.Location}/{s.Time}"));
        Assert.Equal("action dialogue dialogue dialogue", Types(screenplay.Scenes[0]));
        Assert.Equal("narration dialogue dialogue dialogue", Types(screenplay.Scenes[1]));
        Assert.Equal(["橘猫警长:雄,侦探", "小白:雌,助手", "神秘乌鸦:雄,线人"], Cast(screenplay));
        Assert.Equal(["橘猫警长", "小白", "神秘乌鸦"], screenplay.Scenes[1].Characters);
        Assert.Equal(
            ["橘猫警长/严肃", "小白/害怕", "橘猫警长/冷静", "-/-", "神秘乌鸦/低沉", "小白/惊讶", "橘猫警长/坚定"],
            SpokenLines(screenplay).Select(l => $"{l.Character ?? "-"}/{l.Emotion ?? "-"}"));
        Assert.Equal("走廊的灯一闪一闪", screenplay.Scenes[0].Shots[0].Text);
        Assert.Equal("钟楼？那里已经废弃十年了！", screenplay.Scenes[1].Shots[2].Text);
    }

    [SharedSamplesFact]
    public void The_project_copies_match_the_shared_originals()
    {
        foreach (var name in new[] { "confession.zh.txt", "product_launch.en.txt", "fountain_short.en.fountain", "markdown_multi.zh.md" })
        {
            Assert.Equal(File.ReadAllText(Path.Combine(SampleScripts.SharedFolder, name)), SampleScripts.Read(name));
        }
    }

    internal static Screenplay ParseSample(string fileName)
    {
        var result = ScreenplayParser.Parse(SampleScripts.Read(fileName));
        Assert.True(result.Succeeded, result.Error);
        return result.Screenplay!;
    }

    private static string Types(Scene scene) => string.Join(' ', scene.Shots.Select(s => s.Type.ToString().ToLowerInvariant()));

    private static IEnumerable<string> Cast(Screenplay screenplay) =>
        screenplay.Characters.Select(c => $"{c.Name}:{string.Join(',', c.Attributes)}");

    private static IEnumerable<ScriptLine> SpokenLines(Screenplay screenplay) =>
        screenplay.Scenes.SelectMany(s => s.Shots).Where(l => l.Type != ScriptLineType.Action);
}
