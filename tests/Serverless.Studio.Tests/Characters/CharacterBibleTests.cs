using Serverless.Studio.Characters;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tests.ShotImages;
using SkiaSharp;

namespace Serverless.Studio.Tests.Characters;

public sealed class CharacterBibleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private const string Script = """
        场景:现代都市街道,傍晚
        角色:小明(男,学生),小红(女,学生)
        小明(紧张): 你好,我想跟你说一件事。
        小红: 什么事?
        场景:咖啡馆,夜晚
        角色:小明,小红
        小明: 我喜欢你。
        """;

    private static Screenplay Parse(string script) =>
        ScreenplayParser.Parse(script).Screenplay ?? throw new InvalidOperationException("the test script did not parse");

    private static CharacterBible Build(string script = Script) =>
        CharacterBible.Empty("prj_0123456789abcdef", "user-1", Now).Merge(Parse(script).Characters, Now);

    [Fact]
    public void Declarations_become_the_bible()
    {
        var bible = Build();

        Assert.Equal(["小明", "小红"], bible.Characters.Select(c => c.Name));
        Assert.Equal(["男", "学生"], bible.FindByName("小明")!.Attributes);
        Assert.Equal(["女", "学生"], bible.FindByName("小红")!.Attributes);
        Assert.All(bible.Characters, c => Assert.True(c.Declared));
        Assert.All(bible.Characters, c => Assert.Matches("^chr_[0-9a-f]{12}$", c.Id));
        Assert.Equal(2, bible.Characters.Select(c => c.Id).Distinct().Count());
    }

    [Fact]
    public void A_later_bare_mention_keeps_the_declared_attributes()
    {
        var bible = Build();

        // Re-parsing a script that now only names the character must not wipe what was declared before.
        var again = bible.Merge([new Character("小明", [])], Now);

        Assert.Equal(["男", "学生"], again.FindByName("小明")!.Attributes);
        Assert.Equal(bible.FindByName("小明")!.Id, again.FindByName("小明")!.Id);
    }

    [Fact]
    public void A_new_declaration_replaces_script_attributes_but_never_user_edits()
    {
        var bible = Build();
        var ming = bible.FindByName("小明")!;
        var hong = bible.FindByName("小红")!;
        bible = bible.With(hong with { Attributes = ["女", "店主"], AttributesEdited = true, Appearance = "红围巾", VoiceId = "f3", Color = "#cc2244" }, Now);

        var merged = bible.Merge([new Character("小明", ["男", "老师"]), new Character("小红", ["女", "学生"]), new Character("老王", ["男", "老人"])], Now);

        Assert.Equal(["男", "老师"], merged.Find(ming.Id)!.Attributes);
        var edited = merged.Find(hong.Id)!;
        Assert.Equal(["女", "店主"], edited.Attributes);
        Assert.Equal(("红围巾", "f3", "#cc2244"), (edited.Appearance, edited.VoiceId, edited.Color));
        Assert.Equal(["小明", "小红", "老王"], merged.Characters.Select(c => c.Name));
    }

    [Fact]
    public void Appearance_and_colour_reach_the_image_prompts()
    {
        var screenplay = Parse(Script);
        var plain = new StoryboardPlanner().Plan(screenplay, new StoryboardOptions());
        var bible = Build();
        var ming = bible.FindByName("小明")!;
        bible = bible.With(ming with { Appearance = "short silver hair, round glasses", Color = "#1e90ff" }, Now);

        var edited = new StoryboardPlanner().Plan(screenplay with { Characters = bible.ToCharacters() }, new StoryboardOptions());

        var before = plain.Shots.First(s => s.Character == "小明").ImagePrompt;
        var after = edited.Shots.First(s => s.Character == "小明").ImagePrompt;
        Assert.DoesNotContain("silver hair", before);
        Assert.Contains("小明 (男, 学生, short silver hair, round glasses, signature colour #1e90ff)", after);
        foreach (var (was, now) in plain.Shots.Zip(edited.Shots))
        {
            Assert.Equal(now.CharactersInFrame.Contains("小明"), now.ImagePrompt.Contains("silver hair", StringComparison.Ordinal));
            if (!now.CharactersInFrame.Contains("小明"))
            {
                Assert.Equal(was.ImagePrompt, now.ImagePrompt);
            }
        }
    }

    [Fact]
    public void A_chosen_voice_overrides_the_automatic_casting_on_both_providers()
    {
        var automatic = CharacterVoice.Cast("小明", ["男", "学生"]);
        var chosen = CharacterVoice.Cast("小明", ["男", "学生"], "f3");

        Assert.StartsWith("m", automatic.Variant);
        Assert.Equal("f3", chosen.Variant);
        Assert.InRange(chosen.Pitch, 58, 99);
        Assert.Equal(automatic, CharacterVoice.Cast("小明", ["男", "学生"], "no-such-voice"));

        var azure = new AzureOpenAIOptions();
        var request = new SpeechRequest { Text = "你好", Character = "小明", CharacterAttributes = ["男"] };
        Assert.Contains(AzureOpenAIVoiceCasting.Cast(request, azure), azure.MaleVoices);
        Assert.Equal("shimmer", AzureOpenAIVoiceCasting.Cast(request with { VoiceId = "shimmer" }, azure));
        Assert.Equal(AzureOpenAIVoiceCasting.Cast(request, azure), AzureOpenAIVoiceCasting.Cast(request with { VoiceId = "f3" }, azure));
    }

    [Fact]
    public async Task A_chosen_colour_dresses_the_character_in_the_frame()
    {
        var ming = Build().FindByName("小明")!;
        Assert.Equal(new SKColor(0x1e, 0x90, 0xff), FigureLook.Of(ming.ToCharacter() with { Color = "#1e90ff" }).Outfit);
        Assert.Equal(FigureLook.Of(new Character("小明", ["男", "学生"])).Outfit, FigureLook.Of(ming.ToCharacter()).Outfit);

        var renderer = new StoryboardFrameRenderer();
        ShotImageRequest Frame(string? color) => new()
        {
            ShotId = "shot-001",
            Framing = ShotFraming.Medium,
            Location = "现代都市街道",
            Time = "傍晚",
            Characters = [ming.ToCharacter() with { Color = color }],
            Speaker = "小明",
            Text = "你好",
            LineType = ScriptLineType.Dialogue,
            Width = 540,
            Height = 960,
        };

        using var blue = FramePixels.Decode(await renderer.GenerateAsync(Frame("#1e90ff")));
        using var red = FramePixels.Decode(await renderer.GenerateAsync(Frame("#e01010")));
        using var again = FramePixels.Decode(await renderer.GenerateAsync(Frame("#1e90ff")));
        Assert.True(blue.DifferenceFrom(red) > 0.01, $"only {blue.DifferenceFrom(red):P2} of the frame changed with the colour");
        Assert.Equal(0, blue.DifferenceFrom(again));
    }

    [Theory]
    [InlineData("#1E90FF", "#1e90ff")]
    [InlineData("1e90ff", "#1e90ff")]
    public void Colours_are_stored_in_one_form(string given, string stored)
    {
        Assert.True(CharacterColor.TryNormalize(given, out var normalized));
        Assert.Equal(stored, normalized);
    }

    [Theory]
    [InlineData("blue")]
    [InlineData("#12345")]
    [InlineData("#1234567")]
    [InlineData("")]
    public void Anything_but_a_hex_colour_is_refused(string given) => Assert.False(CharacterColor.TryNormalize(given, out _));
}
