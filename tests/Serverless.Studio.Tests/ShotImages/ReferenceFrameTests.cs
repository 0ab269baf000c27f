using Xunit.Abstractions;
using Serverless.Studio.Characters;
using Serverless.Studio.Screenplays;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using Serverless.Studio.Storyboards;
using Serverless.Testing;
using SkiaSharp;

namespace Serverless.Studio.Tests.ShotImages;

/// <summary>
/// Small frames per scenery kind and per age and gender, compared with references committed under References/
/// (96x170 PNGs). Tolerant to small changes (anti-aliasing, a font's hinting); a scenery or figure that changes
/// shape or colour fails. After an intended change, run with UPDATE_FRAME_REFERENCES=1 and look at the new PNGs.
/// </summary>
public sealed class ReferenceFrameTests(ITestOutputHelper output)
{
    private const int Width = 96;
    private const int Height = 170;

    /// <summary>Mean difference per channel (0..255) a frame may drift from its reference.</summary>
    private const double Tolerance = 4;

    private static readonly StoryboardFrameRenderer Renderer = new();

    public static TheoryData<SceneryKind> Kinds() => [.. Enum.GetValues<SceneryKind>()];

    public static TheoryData<string> People() => [.. Figures.Keys];

    private static readonly Dictionary<string, CharacterLook> Figures = new()
    {
        ["female-adult"] = new(CharacterGender.Female, CharacterAge.Adult, new CharacterPalette("#d15757", "#3d2a22")),
        ["male-adult"] = new(CharacterGender.Male, CharacterAge.Adult, new CharacterPalette("#5771d1", "#241c22")),
        ["female-child"] = new(CharacterGender.Female, CharacterAge.Child, new CharacterPalette("#d1b457", "#6a4228")),
        ["male-child"] = new(CharacterGender.Male, CharacterAge.Child, new CharacterPalette("#57d174", "#241c22")),
        ["female-teen"] = new(CharacterGender.Female, CharacterAge.Teen, new CharacterPalette("#a657d1", "#1e263e")),
        ["female-senior"] = new(CharacterGender.Female, CharacterAge.Senior, new CharacterPalette("#8a6eb0", "#c9c6c2")),
        ["male-senior"] = new(CharacterGender.Male, CharacterAge.Senior, new CharacterPalette("#6e8ab0", "#c9c6c2")),
        ["female-raincoat-phone"] = new(CharacterGender.Female, CharacterAge.Adult, new CharacterPalette("#d15757", "#3d2a22")) { Props = ["raincoat", "phone"] },
        ["male-uniform-umbrella"] = new(CharacterGender.Male, CharacterAge.Adult, new CharacterPalette("#5771d1", "#241c22")) { Props = ["uniform", "umbrella", "glasses", "bag"] },
    };

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Each_scenery_kind_matches_its_reference(SceneryKind kind) =>
        AssertMatchesReference($"scenery-{Name(kind)}", Scenery(kind, TimeOfDay.Day));

    [Theory]
    [MemberData(nameof(People))]
    public void Each_age_and_gender_matches_its_reference(string person) =>
        AssertMatchesReference($"figure-{person}", Figure(Figures[person]));

    [Fact]
    public void Every_scenery_kind_looks_unlike_every_other()
    {
        var frames = Enum.GetValues<SceneryKind>().ToDictionary(k => k, k => FramePixels.Decode(Scenery(k, TimeOfDay.Day)));
        foreach (var (a, left) in frames)
        {
            foreach (var (b, right) in frames.Where(f => f.Key > a))
            {
                Assert.True(left.DifferenceFrom(right) > 0.08, $"{a} and {b} look alike ({left.DifferenceFrom(right):P0} of pixels differ)");
            }
        }
    }

    [Fact]
    public void Figures_differ_by_age_and_gender()
    {
        var frames = Figures.Keys.Take(7).ToDictionary(k => k, k => FramePixels.Decode(Figure(Figures[k])));
        foreach (var (a, left) in frames)
        {
            foreach (var (b, right) in frames.Where(f => string.CompareOrdinal(f.Key, a) > 0))
            {
                Assert.True(left.DifferenceFrom(right) > 0.01, $"{a} and {b} are drawn alike");
            }
        }

        // A child stands shorter than an adult: the topmost hair pixel sits lower in the frame.
        Assert.True(TopOfFigure(frames["female-child"]) > TopOfFigure(frames["female-adult"]) + 4);
    }

    [Theory]
    [InlineData(SceneryKind.Street)]
    [InlineData(SceneryKind.Station)]
    [InlineData(SceneryKind.Hospital)]
    [InlineData(SceneryKind.Kitchen)]
    [InlineData(SceneryKind.Market)]
    public void A_night_scene_is_darker_than_the_same_scene_by_day(SceneryKind kind)
    {
        using var day = FramePixels.Decode(Scenery(kind, TimeOfDay.Day));
        using var night = FramePixels.Decode(Scenery(kind, TimeOfDay.Night));

        output.WriteLine($"{kind}: mean luma night {night.MeanLuma():0.0}, day {day.MeanLuma():0.0}");
        Assert.True(night.MeanLuma() < day.MeanLuma() - 30, $"{kind}: night {night.MeanLuma():0} against day {day.MeanLuma():0}");
    }

    private static byte[] Scenery(SceneryKind kind, TimeOfDay time) => Renderer.Render(new ShotImageRequest
    {
        ShotId = "reference",
        Framing = ShotFraming.Long,
        Location = "",
        Time = "",
        Setting = new SceneSetting(kind, kind.IsInterior(), time),
        LineType = ScriptLineType.Action,
        Width = Width,
        Height = Height,
    });

    private static byte[] Figure(CharacterLook look) => Renderer.Render(new ShotImageRequest
    {
        ShotId = "reference",
        Framing = ShotFraming.Medium,
        Location = "",
        Time = "",
        Setting = new SceneSetting(SceneryKind.Interior, true, TimeOfDay.Day),
        Characters = [new Character("Person", []) { Look = look }],
        LineType = ScriptLineType.Action,
        Width = Width,
        Height = Height,
    });

    private static int TopOfFigure(FramePixels frame)
    {
        using var empty = FramePixels.Decode(Renderer.Render(new ShotImageRequest
        {
            ShotId = "reference", Framing = ShotFraming.Medium, Location = "", Time = "", LineType = ScriptLineType.Action,
            Setting = new SceneSetting(SceneryKind.Interior, true, TimeOfDay.Day), Width = Width, Height = Height,
        }));
        for (var y = 0; y < Height; y++)
        {
            for (var x = Width / 4; x < Width * 3 / 4; x++)
            {
                var (a, b) = (frame[x, y], empty[x, y]);
                if (Math.Abs(a.Red - b.Red) + Math.Abs(a.Green - b.Green) + Math.Abs(a.Blue - b.Blue) > 60)
                {
                    return y;
                }
            }
        }

        return Height;
    }

    private static string Name(SceneryKind kind) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    private void AssertMatchesReference(string name, byte[] png)
    {
        var path = SourceTree.File("tests", "Serverless.Studio.Tests", "ShotImages", "References", name + ".png");
        if (Environment.GetEnvironmentVariable("UPDATE_FRAME_REFERENCES") == "1")
        {
            using var bitmap = SKBitmap.Decode(png);
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(path, data.ToArray());
        }

        Assert.True(File.Exists(path), $"No reference {path}; render it with UPDATE_FRAME_REFERENCES=1 and commit it after looking at it.");
        FrameGallery.Save(name, png);
        using var expected = FramePixels.Decode(File.ReadAllBytes(path));
        using var actual = FramePixels.Decode(png);
        var difference = actual.MeanAbsoluteDifference(expected);
        output.WriteLine($"{name}: {difference:0.00} per channel from its reference");
        Assert.True(difference <= Tolerance, $"{name} drifted {difference:0.0} per channel from its reference (tolerance {Tolerance}); see {FrameGallery.Directory}");
    }
}
