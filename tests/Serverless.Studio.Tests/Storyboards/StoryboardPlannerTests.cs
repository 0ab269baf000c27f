using System.Text.Json;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tests.Screenplays;

namespace Serverless.Studio.Tests.Storyboards;

public sealed class StoryboardPlannerTests
{
    public static TheoryData<string> Samples => ["confession.zh.txt", "product_launch.en.txt", "fountain_short.en.fountain", "markdown_multi.zh.md"];

    [Theory]
    [MemberData(nameof(Samples))]
    public void The_same_script_and_seed_give_the_same_storyboard(string sample)
    {
        var options = new StoryboardOptions("comic", "9:16", Seed: 42, TargetDurationSeconds: 45);

        var first = new StoryboardPlanner().Plan(SampleScriptsParseTests.ParseSample(sample), options);
        var second = new StoryboardPlanner().Plan(SampleScriptsParseTests.ParseSample(sample), options);

        Assert.Equal(Json(first), Json(second));
    }

    [Fact]
    public void Another_seed_varies_the_camera_but_not_the_content()
    {
        var screenplay = SampleScriptsParseTests.ParseSample("confession.zh.txt");

        var a = new StoryboardPlanner().Plan(screenplay, new StoryboardOptions(Seed: 1));
        var b = new StoryboardPlanner().Plan(screenplay, new StoryboardOptions(Seed: 2));

        Assert.NotEqual(a.Shots.Select(s => s.Motion), b.Shots.Select(s => s.Motion));
        Assert.Equal(a.Shots.Select(s => (s.Text, s.Framing, s.Duration)), b.Shots.Select(s => (s.Text, s.Framing, s.Duration)));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void A_sixty_second_target_is_met_within_ten_percent_when_the_speech_fits(string sample)
    {
        var screenplay = SampleScriptsParseTests.ParseSample(sample);
        var speech = screenplay.Scenes.SelectMany(s => s.Shots).Where(l => l.IsSpoken).Sum(l => l.Duration);
        Assert.True(speech < 60, $"the sample's speech ({speech} s) must fit the target for this test");

        var storyboard = new StoryboardPlanner().Plan(screenplay, new StoryboardOptions(TargetDurationSeconds: 60));

        Assert.InRange(storyboard.TotalDuration, 54, 66);
        Assert.All(storyboard.Shots.Where(s => s.IsSpoken), s => Assert.True(s.Duration >= s.SpeechSeconds, $"{s.Id} is shorter than its speech"));
    }

    [Fact]
    public void A_target_shorter_than_the_speech_never_cuts_speech()
    {
        var screenplay = SampleScriptsParseTests.ParseSample("confession.zh.txt");
        var lines = screenplay.Scenes.SelectMany(s => s.Shots).ToArray();

        var storyboard = new StoryboardPlanner().Plan(screenplay, new StoryboardOptions(TargetDurationSeconds: 5));

        Assert.All(storyboard.Shots.Zip(lines), pair =>
            Assert.True(pair.First.Duration >= (pair.Second.IsSpoken ? pair.Second.Duration : 1.5), pair.First.Id));
        Assert.True(storyboard.TotalDuration < lines.Sum(l => l.Duration));
    }

    [Fact]
    public void Framing_follows_content()
    {
        var shots = new StoryboardPlanner().Plan(SampleScriptsParseTests.ParseSample("confession.zh.txt"), new StoryboardOptions()).Shots;

        Assert.Equal(
            [ShotFraming.Long, ShotFraming.Closeup, ShotFraming.OverShoulder, ShotFraming.Closeup, ShotFraming.Long, ShotFraming.Closeup, ShotFraming.Long, ShotFraming.Closeup, ShotFraming.OverShoulder],
            shots.Select(s => s.Framing));
        Assert.Equal(["小红", "小明"], shots[2].CharactersInFrame);
        Assert.Equal(["小明", "小红"], shots[0].CharactersInFrame);
        Assert.Equal(["shot-001", "shot-009"], new[] { shots[0].Id, shots[^1].Id });
        Assert.Equal(Enumerable.Range(0, 9), shots.Select(s => s.Index));
    }

    [Fact]
    public void Off_screen_voices_show_the_listener()
    {
        var shots = new StoryboardPlanner().Plan(SampleScriptsParseTests.ParseSample("fountain_short.en.fountain"), new StoryboardOptions()).Shots;

        var ben = shots.Single(s => s.Text == "Anna! Wait!");
        Assert.True(ben.OffScreen);
        Assert.Equal(["ANNA"], ben.CharactersInFrame);
        Assert.Equal(["ANNA"], shots[0].CharactersInFrame);
    }

    [Fact]
    public void Transitions_fade_in_change_at_scenes_and_dissolve_into_narration()
    {
        var confession = new StoryboardPlanner().Plan(SampleScriptsParseTests.ParseSample("confession.zh.txt"), new StoryboardOptions()).Shots;
        var fountain = new StoryboardPlanner().Plan(SampleScriptsParseTests.ParseSample("fountain_short.en.fountain"), new StoryboardOptions()).Shots;

        Assert.Equal(TransitionKind.Fade, confession[0].Transition);
        Assert.Equal(TransitionKind.Dissolve, confession[4].Transition); // narration beat
        Assert.Equal(TransitionKind.Fade, confession[6].Transition); // 傍晚 -> 夜晚: time passes
        Assert.Equal(TransitionKind.Cut, confession[7].Transition);
        Assert.Equal(TransitionKind.Dissolve, fountain[4].Transition); // CONTINUOUS
    }

    [Fact]
    public void Image_prompts_carry_style_characters_with_attributes_and_scene()
    {
        var shots = new StoryboardPlanner().Plan(SampleScriptsParseTests.ParseSample("confession.zh.txt"), new StoryboardOptions("chinese", "16:9")).Shots;

        Assert.All(shots, s => Assert.StartsWith("Chinese ink-wash", s.ImagePrompt));
        Assert.Contains("小明 (男, 学生)", shots[1].ImagePrompt);
        Assert.Contains("现代都市街道, 傍晚", shots[1].ImagePrompt);
        Assert.Contains("紧张", shots[1].ImagePrompt);
        Assert.Contains("horizontal 16:9", shots[1].ImagePrompt);
        Assert.Contains("两人并肩坐着", shots[6].ImagePrompt);
        Assert.DoesNotContain("我有话想对你说", shots[1].ImagePrompt);
    }

    [Fact]
    public void Consecutive_shots_do_not_repeat_a_camera_move()
    {
        var screenplay = SampleScriptsParseTests.ParseSample("markdown_multi.zh.md");
        for (var seed = 0; seed < 50; seed++)
        {
            var shots = new StoryboardPlanner().Plan(screenplay, new StoryboardOptions(Seed: seed)).Shots;
            Assert.All(shots.Zip(shots.Skip(1)), pair => Assert.NotEqual(pair.First.Motion, pair.Second.Motion));
        }
    }

    [Fact]
    public void Storyboards_serialise_and_read_back()
    {
        var storyboard = new StoryboardPlanner().Plan(SampleScriptsParseTests.ParseSample("fountain_short.en.fountain"), new StoryboardOptions(Seed: 3));

        var json = Json(storyboard);
        var back = JsonSerializer.Deserialize<Storyboard>(json, ScreenplayJson.Options)!;

        Assert.Equal(json, Json(back));
        Assert.Contains("\"framing\": \"over_shoulder\"", json);
        Assert.Contains("\"transition\": \"fade\"", json);
    }

    internal static string Json(Storyboard storyboard) => JsonSerializer.Serialize(storyboard, ScreenplayJson.Options);
}
