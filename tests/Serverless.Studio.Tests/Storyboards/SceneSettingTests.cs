using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tests.Characters;

namespace Serverless.Studio.Tests.Storyboards;

public sealed class SceneSettingTests
{
    [Fact]
    public void English_scenes_resolve_place_inside_outside_and_light_with_continuity()
    {
        var settings = Settings(LookScripts.English);

        Assert.Equal(
            [
                new SceneSetting(SceneryKind.Hospital, true, TimeOfDay.Night),
                new SceneSetting(SceneryKind.Hospital, true, TimeOfDay.Night),
                new SceneSetting(SceneryKind.Station, false, TimeOfDay.Morning),
                new SceneSetting(SceneryKind.Market, false, TimeOfDay.Day),
                new SceneSetting(SceneryKind.Kitchen, true, TimeOfDay.Night),
            ],
            settings);
    }

    [Fact]
    public void Chinese_scenes_read_内景_外景_and_同时_keeps_the_light()
    {
        var settings = Settings(LookScripts.Chinese);

        Assert.Equal(
            [
                new SceneSetting(SceneryKind.Hospital, true, TimeOfDay.Night),
                new SceneSetting(SceneryKind.Station, false, TimeOfDay.Morning),
                new SceneSetting(SceneryKind.Market, false, TimeOfDay.Morning),
                new SceneSetting(SceneryKind.Kitchen, true, TimeOfDay.Morning),
            ],
            settings);
    }

    [Fact]
    public void The_sample_platform_is_a_station_at_night_and_its_continuous_entrance_stays_at_night()
    {
        var settings = Settings(File.ReadAllText(Path.Combine(Screenplays.SampleScripts.ProjectFolder, "fountain_short.en.fountain")));

        Assert.Equal([new SceneSetting(SceneryKind.Station, true, TimeOfDay.Night), new SceneSetting(SceneryKind.Station, false, TimeOfDay.Night)], settings);
    }

    [Theory]
    [InlineData("INT. SOMEWHERE - DAY", SceneryKind.Interior, true)]
    [InlineData("EXT. SOMEWHERE - DAY", SceneryKind.Exterior, false)]
    [InlineData("INT. THE VOID - NIGHT", SceneryKind.Interior, true)]
    [InlineData("EXT. ROSE GARDEN - DAY", SceneryKind.Park, false)]
    [InlineData("INT. BUS - DAY", SceneryKind.Vehicle, true)]
    [InlineData("INT. THEATRE STAGE - NIGHT", SceneryKind.Stage, true)]
    [InlineData("EXT. PINE FOREST - DUSK", SceneryKind.Forest, false)]
    [InlineData("INT. SCHOOL HALL - DAY", SceneryKind.SchoolHall, true)]
    [InlineData("EXT. HOSPITAL - DAY", SceneryKind.Hospital, false)]
    public void Unknown_places_fall_back_by_int_ext_and_never_to_a_street(string heading, SceneryKind kind, bool interior)
    {
        var setting = Settings($"{heading}\n\nSomeone waits.\n")[0];

        Assert.Equal(kind, setting.Kind);
        Assert.Equal(interior, setting.Interior);
    }

    [Fact]
    public void Continuous_into_an_unnamed_place_keeps_the_previous_kind_and_light()
    {
        var settings = Settings("INT. KITCHEN - NIGHT\n\nA kettle boils.\n\nINT. NEXT DOOR - CONTINUOUS\n\nA door closes.\n");

        Assert.Equal(new SceneSetting(SceneryKind.Kitchen, true, TimeOfDay.Night), settings[1]);
    }

    [Fact]
    public void Every_shot_carries_its_scene_setting_and_the_prompt_says_it_in_words()
    {
        var screenplay = ScreenplayParser.Parse(LookScripts.English).Screenplay!;
        var storyboard = new StoryboardPlanner().Plan(screenplay, new StoryboardOptions());

        Assert.All(storyboard.Shots, s => Assert.NotNull(s.Setting));
        var ward = storyboard.Shots.First(s => s.SceneId == "scene-1");
        Assert.Contains("hospital ward, interior, at night", ward.ImagePrompt, StringComparison.Ordinal);
        var market = storyboard.Shots.First(s => s.SceneId == "scene-4" && s.CharactersInFrame.Contains("TOM"));
        Assert.Contains("TOM, male child", market.ImagePrompt, StringComparison.Ordinal);
        Assert.Contains("with bag", market.ImagePrompt, StringComparison.Ordinal);
    }

    private static IReadOnlyList<SceneSetting> Settings(string script)
    {
        var parsed = ScreenplayParser.Parse(script);
        Assert.True(parsed.Succeeded, parsed.Error);
        return SceneSettings.Resolve(parsed.Screenplay!.Scenes);
    }
}
