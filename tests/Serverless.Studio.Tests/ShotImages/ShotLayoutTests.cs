using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using Serverless.Studio.Storyboards;
using SkiaSharp;

namespace Serverless.Studio.Tests.ShotImages;

public sealed class ShotLayoutTests
{
    private static readonly SKRect Panel = new(27, 27, 1053, 1893);

    [Fact]
    public void Closeup_is_one_big_face_of_the_speaker()
    {
        var layout = Plan(ShotFraming.Closeup);

        var face = Assert.Single(layout.Figures);
        Assert.Equal("小红", face.Look.Name);
        Assert.True(face.Speaking);
        Assert.False(face.FacingAway);
        Assert.True(face.HeadRadius > Panel.Width * 0.2f);
    }

    [Fact]
    public void Over_the_shoulder_shows_the_listener_from_behind_near_and_the_speaker_facing_us_beyond()
    {
        var layout = Plan(ShotFraming.OverShoulder);

        Assert.Equal(2, layout.Figures.Count);
        var (far, near) = (layout.Figures[0], layout.Figures[1]);
        Assert.Equal("小红", far.Look.Name);
        Assert.False(far.FacingAway);
        Assert.Equal("小明", near.Look.Name);
        Assert.True(near.FacingAway);
        Assert.True(near.HeadRadius > far.HeadRadius * 1.5f, "the near shoulder is closer to camera");
    }

    [Fact]
    public void Long_shot_shows_everyone_small_and_on_the_ground()
    {
        var characters = new[] { "甲", "乙", "丙", "丁" }.Select(n => new Character(n, [])).ToList();
        var layout = Plan(ShotFraming.Long, characters, speaker: "丁");

        Assert.Equal(4, layout.Figures.Count);
        Assert.All(layout.Figures, f => Assert.True(f.HeadRadius < Panel.Width * 0.06f));
        Assert.All(layout.Figures, f => Assert.True(f.HeadY < Panel.Bottom && f.HeadY > layout.HorizonY - (Panel.Height * 0.3f)));
        Assert.Equal("丁", layout.Speaker?.Look.Name);
    }

    [Fact]
    public void A_speaker_missing_from_the_character_list_still_appears_and_narration_has_no_speaker()
    {
        var dialogue = Plan(ShotFraming.Medium, [], speaker: "老王");
        Assert.Equal("老王", Assert.Single(dialogue.Figures).Look.Name);

        var narration = ShotLayout.Plan(
            Request(ShotFraming.Medium, [new Character("小明", ["男"])], "旁白") with { LineType = ScriptLineType.Narration }, Panel, FrameStyle.Anime);
        Assert.Null(narration.Speaker);
        Assert.Equal("小明", Assert.Single(narration.Figures).Look.Name);
    }

    [Fact]
    public void Medium_shot_keeps_the_speaker_in_frame_even_when_listed_last()
    {
        var characters = new[] { "甲", "乙", "丙", "丁", "戊" }.Select(n => new Character(n, [])).ToList();
        var layout = Plan(ShotFraming.Medium, characters, speaker: "戊");

        Assert.Equal(3, layout.Figures.Count);
        Assert.Contains(layout.Figures, f => f.Look.Name == "戊" && f.Speaking);
    }

    [Fact]
    public void Character_looks_are_stable_and_follow_attributes()
    {
        var ming = FigureLook.Of(new Character("小明", ["男", "学生"]));
        var again = FigureLook.Of(new Character("小明", ["男", "学生"]));
        var hong = FigureLook.Of(new Character("小红", ["女", "学生"]));

        Assert.Equivalent(ming, again, strict: true);
        Assert.Equal(CharacterGender.Male, ming.Gender);
        Assert.Equal(CharacterGender.Female, hong.Gender);
        Assert.NotEqual(ming.Outfit, hong.Outfit);

        // Pinned: a per-process hash (string.GetHashCode) would change this between runs.
        Assert.Equal(new SKColor(0x57, 0xD1, 0x74), ming.Outfit);
        Assert.True(FigureLook.Of(new Character("Leo", ["glasses", "male"])).Glasses);
        Assert.Equal(new SKColor(0xE2, 0xBE, 0x6A), FigureLook.Of(new Character("Mia", ["female", "金发"])).Hair);
    }

    [Theory]
    [InlineData("傍晚", "Dusk")]
    [InlineData("NIGHT", "Night")]
    [InlineData("深夜", "Night")]
    [InlineData("morning", "Morning")]
    [InlineData("清晨", "Morning")]
    [InlineData("DAY", "Day")]
    [InlineData("CONTINUOUS", "Day")]
    [InlineData("", "Day")]
    public void Time_words_pick_the_light(string time, string expected) => Assert.Equal(Enum.Parse<TimeOfDay>(expected), TimeOfDayWords.Read(time));

    [Theory]
    [InlineData("现代都市街道", "Street")]
    [InlineData("学校教室", "Classroom")]
    [InlineData("INT. KITCHEN", "Kitchen")]
    [InlineData("Coffee shop", "Cafe")]
    [InlineData("EXT. CITY PARK", "Park")]
    [InlineData("海边", "Waterside")]
    [InlineData("小明的卧室", "Bedroom")]
    [InlineData("公司办公室", "Office")]
    [InlineData("天台", "Rooftop")]
    [InlineData("某处", "Exterior")]
    public void Location_words_pick_the_scenery(string location, string expected) => Assert.Equal(Enum.Parse<SceneryKind>(expected), SceneryKeywords.Read(location));

    private static ShotLayout Plan(ShotFraming framing, IReadOnlyList<Character>? characters = null, string speaker = "小红") =>
        ShotLayout.Plan(Request(framing, characters ?? [new("小明", ["男"]), new("小红", ["女"])], speaker), Panel, FrameStyle.Anime);

    private static ShotImageRequest Request(ShotFraming framing, IReadOnlyList<Character> characters, string speaker) => new()
    {
        ShotId = "s1",
        Framing = framing,
        Location = "街道",
        Time = "傍晚",
        Characters = characters,
        Speaker = speaker,
        Text = "你好",
        LineType = ScriptLineType.Dialogue,
        Width = 1080,
        Height = 1920,
    };
}
