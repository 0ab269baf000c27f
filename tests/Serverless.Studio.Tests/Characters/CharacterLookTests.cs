using Serverless.Studio.Characters;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Speech;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tests.Screenplays;

namespace Serverless.Studio.Tests.Characters;

public sealed class CharacterLookTests
{
    [Fact]
    public void English_looks_come_from_titles_pronouns_names_and_ages_in_the_action()
    {
        var looks = Looks(LookScripts.English);

        Assert.Equal((CharacterGender.Female, CharacterAge.Adult), looks["NURSE OKAFOR"]);
        Assert.Equal((CharacterGender.Male, CharacterAge.Senior), looks["MR. HARRIS"]);
        Assert.Equal((CharacterGender.Female, CharacterAge.Child), looks["LILY"]);
        Assert.Equal((CharacterGender.Female, CharacterAge.Senior), looks["GRANDMA ROSE"]);
        Assert.Equal((CharacterGender.Male, CharacterAge.Child), looks["TOM"]);
        Assert.Equal((CharacterGender.Unspecified, CharacterAge.Adult), looks["DOCTOR REYES"]);
    }

    [Fact]
    public void Chinese_looks_come_from_kinship_words_given_names_attributes_and_岁()
    {
        var looks = Looks(LookScripts.Chinese);

        Assert.Equal((CharacterGender.Female, CharacterAge.Senior), looks["王阿婆"]);
        Assert.Equal((CharacterGender.Female, CharacterAge.Adult), looks["护士长"]);
        Assert.Equal((CharacterGender.Male, CharacterAge.Child), looks["小军"]);
        Assert.Equal((CharacterGender.Male, CharacterAge.Adult), looks["爸爸"]);
        Assert.Equal((CharacterGender.Female, CharacterAge.Senior), looks["李奶奶"]);
        Assert.Equal((CharacterGender.Female, CharacterAge.Adult), looks["妈妈"]);
        Assert.Equal((CharacterGender.Female, CharacterAge.Child), looks["小美"]);
    }

    [Fact]
    public void Props_named_beside_a_character_or_in_sentences_about_them_are_theirs()
    {
        var english = ScreenplayParser.Parse(LookScripts.English).Screenplay!;
        Assert.Equal(["uniform", "notebook", "phone"], Props(english, "NURSE OKAFOR"));
        Assert.Equal(["umbrella"], Props(english, "GRANDMA ROSE"));
        Assert.Equal(["bag"], Props(english, "TOM"));

        var chinese = ScreenplayParser.Parse(LookScripts.Chinese).Screenplay!;
        Assert.Equal(["red umbrella"], Props(chinese, "李奶奶"));
        Assert.Equal(["phone"], Props(chinese, "小美"));
        Assert.Equal(["bag"], Props(chinese, "小军"));
    }

    [Fact]
    public void The_sample_fountain_anna_is_a_woman_in_a_raincoat_with_a_phone_and_ben_a_man_with_a_red_notebook()
    {
        var screenplay = ScreenplayParser.Parse(File.ReadAllText(Path.Combine(SampleScripts.ProjectFolder, "fountain_short.en.fountain"))).Screenplay!;
        var anna = screenplay.FindCharacter("ANNA")!.Look!;
        var ben = screenplay.FindCharacter("BEN")!.Look!;

        Assert.Equal((CharacterGender.Female, CharacterAge.Adult), (anna.Gender, anna.Age));
        Assert.Equal(["raincoat", "phone"], anna.Props);
        Assert.Equal((CharacterGender.Male, CharacterAge.Adult), (ben.Gender, ben.Age));
        Assert.Equal(["red notebook"], ben.Props);
        Assert.True(CharacterLooks.Distance(anna.Palette.Clothing, ben.Palette.Clothing) >= CharacterLooks.MinClothingDistance);
    }

    [Fact]
    public void Off_screen_speakers_are_not_in_frame_for_their_lines()
    {
        foreach (var script in new[] { LookScripts.English, LookScripts.Chinese })
        {
            var storyboard = new StoryboardPlanner().Plan(ScreenplayParser.Parse(script).Screenplay!, new StoryboardOptions());
            var offScreen = storyboard.Shots.Where(s => s.OffScreen).ToList();

            Assert.NotEmpty(offScreen);
            Assert.All(offScreen, s => Assert.DoesNotContain(s.Character!, s.CharactersInFrame));
        }
    }

    [Fact]
    public void The_cloud_image_prompt_states_the_setting_and_the_looks_in_words()
    {
        var prompt = ShotImagePrompt.Compose(new ShotImageRequest
        {
            ShotId = "shot-001",
            Framing = ShotFraming.Medium,
            Location = "WARD",
            Time = "NIGHT",
            Setting = new SceneSetting(SceneryKind.Hospital, true, TimeOfDay.Night),
            Characters = [new Character("ROSE", []) { Look = new CharacterLook(CharacterGender.Female, CharacterAge.Senior, new CharacterPalette("#8a6eb0", "#c9c6c2")) { Props = ["umbrella"] } }],
            LineType = ScriptLineType.Action,
            Text = "ROSE waits.",
            Width = 1080,
            Height = 1920,
        });

        Assert.Contains("Setting: WARD, NIGHT (hospital ward, interior, at night, dark)", prompt, StringComparison.Ordinal);
        Assert.Contains("ROSE, female senior, wearing #8a6eb0 clothes, #c9c6c2 hair, with umbrella", prompt, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("30s", CharacterAge.Adult)]
    [InlineData("(8)", CharacterAge.Child)]
    [InlineData("七十岁", CharacterAge.Senior)]
    [InlineData("十岁", CharacterAge.Child)]
    [InlineData("a boy of ten", CharacterAge.Child)]
    [InlineData("a teenager", CharacterAge.Teen)]
    [InlineData("aged 16", CharacterAge.Teen)]
    [InlineData("in her fifties", CharacterAge.Adult)]
    [InlineData("in his eighties", CharacterAge.Senior)]
    [InlineData("a grandmother of seventy", CharacterAge.Senior)]
    [InlineData("65-year-old", CharacterAge.Senior)]
    public void Ages_in_years_and_words_are_read(string attribute, CharacterAge expected) =>
        Assert.Equal(expected, CharacterLooks.Of(new Character("X", [attribute])).Age);

    [Fact]
    public void The_bible_explicit_attributes_and_colour_win_over_the_script()
    {
        var resolved = new CharacterLook(CharacterGender.Female, CharacterAge.Adult, new CharacterPalette("#57d174", "#241c22"));
        var profile = new CharacterProfile { Id = "chr_000000000001", Name = "Sam", Attributes = ["male", "old"], Color = "#1e90ff", Look = resolved, AttributesEdited = true };

        var look = profile.ToCharacter().Look!;

        Assert.Equal(CharacterGender.Male, look.Gender);
        Assert.Equal(CharacterAge.Senior, look.Age);
        Assert.Equal("#1e90ff", look.Palette.Clothing);

        var edited = profile with { LookEdited = true };
        Assert.Equal(resolved, edited.ToCharacter().Look);
    }

    [Fact]
    public void Palettes_of_characters_sharing_a_scene_differ_in_the_project_samples()
    {
        AssertPalettesApart(SampleScripts.ProjectFolder);
    }

    [SharedSamplesFact]
    public void Palettes_of_characters_sharing_a_scene_differ_in_every_shared_sample()
    {
        AssertPalettesApart(SampleScripts.SharedFolder);
    }

    private static void AssertPalettesApart(string folder)
    {
        var files = Directory.GetFiles(folder).Where(f => !f.EndsWith(".md", StringComparison.OrdinalIgnoreCase) || !Path.GetFileName(f).Equals("README.md", StringComparison.OrdinalIgnoreCase)).ToList();
        Assert.NotEmpty(files);
        var pairs = 0;
        foreach (var file in files.Append("own:en").Append("own:zh"))
        {
            var text = file switch { "own:en" => LookScripts.English, "own:zh" => LookScripts.Chinese, _ => File.ReadAllText(file) };
            var parsed = ScreenplayParser.Parse(text);
            Assert.True(parsed.Succeeded, $"{file}: {parsed.Error}");
            var screenplay = parsed.Screenplay!;
            foreach (var scene in screenplay.Scenes)
            {
                var cast = scene.Characters.Concat(scene.Shots.Select(l => l.Character).OfType<string>())
                    .Select(screenplay.FindCharacter).OfType<Character>().DistinctBy(c => c.Name).ToList();
                for (var i = 0; i < cast.Count; i++)
                {
                    for (var j = i + 1; j < cast.Count; j++)
                    {
                        var distance = CharacterLooks.Distance(cast[i].Look!.Palette.Clothing, cast[j].Look!.Palette.Clothing);
                        Assert.True(distance >= CharacterLooks.MinClothingDistance, $"{Path.GetFileName(file)} {scene.Id}: {cast[i].Name} and {cast[j].Name} dressed {distance:0} apart");
                        pairs++;
                    }
                }
            }
        }

        Assert.True(pairs > 5, $"only {pairs} pairs of characters checked");
    }

    private static Dictionary<string, (CharacterGender, CharacterAge)> Looks(string script)
    {
        var parsed = ScreenplayParser.Parse(script);
        Assert.True(parsed.Succeeded, parsed.Error);
        return parsed.Screenplay!.Characters.ToDictionary(c => c.Name, c => (c.Look!.Gender, c.Look.Age));
    }

    private static IReadOnlyList<string> Props(Screenplay screenplay, string name) => screenplay.FindCharacter(name)!.Look!.Props;
}
