using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Tests.Screenplays;

public sealed class ScreenplayParserTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \r\n\t\n ")]
    [InlineData("\uFEFF\0\u0001\n")]
    public void Empty_input_is_an_error_saying_so(string? text)
    {
        var result = ScreenplayParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.Equal("The script is empty.", result.Error);
    }

    [Theory]
    [InlineData("It was a dark and stormy night; the rain fell in torrents.")]
    [InlineData("{\"not\": \"a screenplay\"}")]
    [InlineData("1234567890")]
    public void Text_without_any_screenplay_structure_is_rejected_in_one_sentence(string text)
    {
        var result = ScreenplayParser.Parse(text);

        Assert.False(result.Succeeded);
        Assert.StartsWith("No scenes or lines were recognised", result.Error);
        Assert.DoesNotContain('\n', result.Error!);
    }

    [Fact]
    public void Headings_without_lines_are_rejected()
    {
        var result = ScreenplayParser.Parse("场景:街道,傍晚\n角色:小明(男,学生)\n");

        Assert.False(result.Succeeded);
        Assert.StartsWith("The script has headings but no lines", result.Error);
    }

    [Fact]
    public void Input_beyond_the_limit_is_rejected_without_reading_it()
    {
        var result = ScreenplayParser.Parse("小明: " + new string('好', ScreenplayParser.MaxLength));

        Assert.False(result.Succeeded);
        Assert.StartsWith("The script is too long", result.Error);
    }

    [Fact]
    public void Crlf_and_lf_and_full_width_punctuation_give_the_same_screenplay()
    {
        const string ascii = "场景:街道,傍晚\n角色:小明(男,学生)\n小明(紧张): 你好。\n[风吹过]\n";
        var fullWidth = ascii.Replace(':', '：').Replace(',', '，').Replace('(', '（').Replace(')', '）');

        var expected = Json(ScreenplayParser.Parse(ascii));
        Assert.Equal(expected, Json(ScreenplayParser.Parse(ascii.Replace("\n", "\r\n"))));
        Assert.Equal(expected, Json(ScreenplayParser.Parse(fullWidth)));
        Assert.Equal(expected, Json(ScreenplayParser.Parse(ascii.Replace("\n", "\r"))));
        Assert.Contains("\"emotion\": \"紧张\"", expected);
    }

    [Fact]
    public void Spoken_text_is_preserved_exactly()
    {
        const string said = "\"引号\" \\back\\slash {braces} 100% https://example.com/a?b=c 😀👨‍👩‍👧 <i>";
        var screenplay = Parse($"Leo (wry): {said}\n");

        var line = Assert.Single(screenplay.Scenes.Single().Shots);
        Assert.Equal((ScriptLineType.Dialogue, "Leo", "wry", said), (line.Type, line.Character, line.Emotion, line.Text));
    }

    [Theory]
    [InlineData("旁白: 夜深了。")]
    [InlineData("Narrator: Night falls.")]
    [InlineData("VO: Night falls.")]
    [InlineData("旁白（低沉）：夜深了。")]
    public void Narration_has_no_character_and_keeps_only_the_spoken_text(string line)
    {
        var shot = Parse(line).Scenes.Single().Shots.Single();

        Assert.Equal(ScriptLineType.Narration, shot.Type);
        Assert.Null(shot.Character);
        Assert.True(shot.Text is "夜深了。" or "Night falls.", shot.Text);
        Assert.Empty(Parse(line).Characters);
    }

    [Fact]
    public void Sound_cues_become_actions_tagged_sfx()
    {
        var shots = Parse("Scene: Street, night\n[SFX: thunder]\n【音效：雷声】\n[Rain falls]\nLeo: Run!").Scenes.Single().Shots;

        Assert.Equal(("thunder", ScriptLineType.Action), (shots[0].Text, shots[0].Type));
        Assert.Equal(["sfx"], shots[0].Tags);
        Assert.Equal("雷声", shots[1].Text);
        Assert.Equal(["sfx"], shots[1].Tags);
        Assert.Empty(shots[2].Tags);
    }

    [Fact]
    public void Long_chinese_lines_split_at_sentence_ends_into_lines_of_the_same_speaker()
    {
        const string said = "我一直想告诉你，那天在车站看见你的时候，我就知道我们会再见面。可是这一等就是整整十年，你知道这十年我是怎么过的吗？";
        var shots = Parse($"小明(激动): {said}").Scenes.Single().Shots;

        Assert.True(shots.Count >= 3, $"expected a split, got {shots.Count} pieces");
        Assert.All(shots, s => Assert.Equal(("小明", "激动", ScriptLineType.Dialogue), (s.Character, s.Emotion, s.Type)));
        Assert.All(shots, s => Assert.True(s.Text.Count(c => c is >= '\u4E00' and <= '\u9FFF') <= SubtitleSplitter.MaxCjkCharacters, s.Text));
        Assert.Equal(said, string.Concat(shots.Select(s => s.Text)));
        Assert.EndsWith("我就知道我们会再见面。", shots[1].Text);
    }

    [Fact]
    public void Long_english_lines_split_at_sentences_then_clauses()
    {
        const string said = "I waited at the station for an hour, then another, and the train never came. So I walked home in the rain, thinking of you.";
        var shots = Parse($"Mia: {said}").Scenes.Single().Shots;

        Assert.True(shots.Count >= 2);
        Assert.All(shots, s => Assert.True(s.Text.Split(' ').Length <= SubtitleSplitter.MaxWords, s.Text));
        Assert.Equal(said, string.Join(' ', shots.Select(s => s.Text)));
        Assert.Equal("and the train never came.", shots[1].Text);
    }

    [Theory]
    [InlineData("小明: 一二三四五六七八九", 2.0)]
    [InlineData("Leo: one two three four five", 2.0)]
    [InlineData("小明: 嗯", 1.5)]
    [InlineData("Leo: Hi.", 1.5)]
    [InlineData("小明: 一二三四五六七八九十一二三四五六七八", 4.0)]
    public void Speech_duration_follows_reading_speed_with_a_floor(string line, double seconds)
    {
        Assert.Equal(seconds, Parse(line).Scenes.Single().Shots.Single().Duration);
    }

    [Theory]
    [InlineData("[门开了]")]
    [InlineData("[The door creaks open and a long shadow falls across the dusty floor of the empty hall]")]
    public void Actions_last_two_to_three_seconds(string line)
    {
        var duration = Parse($"Leo: Hi.\n{line}").Scenes.Single().Shots[1].Duration;

        Assert.InRange(duration, 2.0, 3.0);
    }

    [Fact]
    public void A_name_alone_on_its_line_speaks_the_next_line()
    {
        var shot = Parse("小明(紧张)：\n那个……我有话想对你说").Scenes.Single().Shots.Single();

        Assert.Equal(("小明", "紧张", "那个……我有话想对你说"), (shot.Character, shot.Emotion, shot.Text));
    }

    [Fact]
    public void Later_mentions_use_the_declared_spelling_and_keep_attributes()
    {
        var screenplay = Parse("Characters: Leo (male, customer)\nScene: Cafe, noon\nLEO: Coffee.\nScene: Park, dusk\nCharacters: leo\nleo: Nice.");

        Assert.Equal(["Leo"], screenplay.Characters.Select(c => c.Name));
        Assert.Equal(["male", "customer"], screenplay.Characters.Single().Attributes);
        Assert.All(screenplay.Scenes, s => Assert.Equal(["Leo"], s.Characters));
        Assert.All(screenplay.Scenes.SelectMany(s => s.Shots), s => Assert.Equal("Leo", s.Character));
    }

    [Fact]
    public void Off_screen_markers_in_the_line_formats_are_recognised()
    {
        var shot = Parse("小红(画外音, 焦急): 小明！快回来！").Scenes.Single().Shots.Single();

        Assert.True(shot.OffScreen);
        Assert.Equal("焦急", shot.Emotion);
    }

    [Fact]
    public void Colons_in_times_and_urls_are_not_speakers()
    {
        var shots = Parse("Leo: Hi.\nMeet at 12:30 tomorrow\nsee https://example.com").Scenes.Single().Shots;

        Assert.Equal([ScriptLineType.Dialogue, ScriptLineType.Action, ScriptLineType.Action], shots.Select(s => s.Type));
    }

    [Fact]
    public void Fountain_transitions_notes_and_sections_are_not_content()
    {
        const string script = "Title: _**Night Shift**_\n\n# ACT ONE\n\nFADE IN:\n\nEXT. ROOFTOP - NIGHT #1#\n\n= The rescue.\n\nMIA walks to the edge. [[check lens]]\n\nMIA (V.O.)\n(calm)\nIt was quiet.\nToo quiet.\n\nCUT TO:\n\nINT./EXT. CAR - LATER\n\n@mcGregor\nDrive.\n";
        var screenplay = Parse(script);

        Assert.Equal(ScriptFormat.Fountain, screenplay.Format);
        Assert.Equal("Night Shift", screenplay.Title);
        Assert.Equal(["ROOFTOP/NIGHT/exterior", "CAR/LATER/interior/exterior"], screenplay.Scenes.Select(s => $"{s.Location}/{s.Time}/{s.Setting}"));
        var rooftop = screenplay.Scenes[0].Shots;
        Assert.Equal("MIA walks to the edge.", rooftop[0].Text);
        Assert.Equal(("MIA", "calm", "It was quiet. Too quiet.", true), (rooftop[1].Character, rooftop[1].Emotion, rooftop[1].Text, rooftop[1].OffScreen));
        Assert.Equal(("mcGregor", "Drive."), (screenplay.Scenes[1].Shots[0].Character, screenplay.Scenes[1].Shots[0].Text));
    }

    [Fact]
    public void Splitting_a_long_line_never_cuts_inside_a_url()
    {
        const string said = "Write this down, it matters: https://example.com/path?query=one;two,three:four and then come back here to tell me what you found there.";
        var shots = Parse($"Leo: {said}").Scenes.Single().Shots;

        Assert.True(shots.Count >= 2);
        Assert.Contains(shots, s => s.Text.Contains("https://example.com/path?query=one;two,three:four", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("场景：学校天台 夜晚", "学校天台", "夜晚")]
    [InlineData("Scene: Kitchen morning", "Kitchen", "morning")]
    [InlineData("场景:学校天台", "学校天台", "")]
    [InlineData("Scene: Old pier - dusk", "Old pier", "dusk")]
    [InlineData("场景一：现代都市街道，傍晚", "现代都市街道", "傍晚")]
    [InlineData("第3场：现代都市街道、傍晚", "现代都市街道", "傍晚")]
    public void Scene_headings_give_location_and_time(string heading, string location, string time)
    {
        var scene = Parse($"{heading}\n小明: 你好").Scenes.Single();

        Assert.Equal((location, time), (scene.Location, scene.Time));
    }

    [Fact]
    public void List_and_quote_markers_are_layout_not_text()
    {
        var shots = Parse("- 小明(紧张): 你好\n> 旁白: 风起了。\n* [门开了]").Scenes.Single().Shots;

        Assert.Equal([("小明", "你好"), (null, "风起了。"), (null, "门开了")], shots.Select(s => (s.Character, s.Text)));
    }

    [Fact]
    public void Seed_style_lines_in_a_fountain_script_are_still_dialogue_and_colons_in_action_are_not()
    {
        var shots = Parse("INT. HALL - DAY\n\nANNA\nHello.\n\nBEN\nHi.\n\nHe reads the sign: NO ENTRY.\n\nMia (tired): Coffee?\n\nANNA\nPlease.\n").Scenes.Single().Shots;

        Assert.Equal(
            [("ANNA", "Hello."), ("BEN", "Hi."), (null, "He reads the sign: NO ENTRY."), ("Mia", "Coffee?"), ("ANNA", "Please.")],
            shots.Select(s => (s.Character, s.Text)));
        Assert.Equal("tired", shots[3].Emotion);
    }

    [Fact]
    public void A_heading_and_one_capitalised_line_do_not_turn_a_seed_script_into_fountain()
    {
        var screenplay = Parse("R\nINT. HOUSE - DAY\nMia：天！你好。\n");

        Assert.NotEqual(ScriptFormat.Fountain, screenplay.Format);
        Assert.Equal(("Mia", "天！你好。"), (screenplay.Scenes[^1].Shots[^1].Character, screenplay.Scenes[^1].Shots[^1].Text));
    }

    [Fact]
    public void A_scene_keyword_alone_on_its_line_starts_a_scene()
    {
        var screenplay = Parse("场景一\n小明: 你好\n场景二\n小红: 再见");

        Assert.Equal(2, screenplay.Scenes.Count);
        Assert.Equal(["小明", "小红"], screenplay.Scenes.Select(s => s.Shots.Single().Character));
    }

    private static Screenplay Parse(string text)
    {
        var result = ScreenplayParser.Parse(text);
        Assert.True(result.Succeeded, result.Error);
        return result.Screenplay!;
    }

    private static string Json(ParseResult result) =>
        System.Text.Json.JsonSerializer.Serialize(result.Screenplay, ScreenplayJson.Options);
}
