using Serverless.Studio.Characters;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Speech;
using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// How a character is drawn in every shot: skin, hair, outfit and eye colours, haircut, age and props. Gender, age,
/// clothing and hair colours and props come from the character's resolved look (<see cref="CharacterLook"/>); skin,
/// eyes and haircut from a stable hash of the name, so a character looks the same in every frame, on every worker.
/// </summary>
internal sealed record FigureLook(
    string Name,
    CharacterGender Gender,
    CharacterAge Age,
    SKColor Skin,
    SKColor Hair,
    SKColor Outfit,
    SKColor OutfitShade,
    SKColor Eyes,
    HairCut Cut,
    IReadOnlyList<string> Props)
{
    private static readonly SKColor[] SkinTones =
        [new(0xFF, 0xE3, 0xCF), new(0xFB, 0xD6, 0xBA), new(0xF1, 0xC4, 0xA0), new(0xFF, 0xE3, 0xCF), new(0xD9, 0xA4, 0x7E), new(0xB8, 0x82, 0x5E)];

    private static readonly HairCut[] FemaleCuts = [HairCut.Long, HairCut.Ponytail, HairCut.Bob, HairCut.TwinTails];
    private static readonly HairCut[] MaleCuts = [HairCut.Short, HairCut.Spiky, HairCut.Parted];

    // Seniors wear their hair short or in a bun-like bob; twin tails and spikes read as young.
    private static readonly HairCut[] SeniorFemaleCuts = [HairCut.Bob, HairCut.Short];
    private static readonly HairCut[] SeniorMaleCuts = [HairCut.Short, HairCut.Parted];

    public bool Glasses => Has("glasses");

    public bool Has(string prop) => Props.Any(p => CharacterLooks.Prop(p) == prop);

    /// <summary>The colour word of a prop phrase ("red notebook"), if any.</summary>
    public SKColor? PropColor(string prop) =>
        Props.FirstOrDefault(p => CharacterLooks.Prop(p) == prop && p.Contains(' ', StringComparison.Ordinal)) is { } phrase
            ? phrase[..phrase.IndexOf(' ', StringComparison.Ordinal)] switch
            {
                "red" => new SKColor(0xD8, 0x2E, 0x2E),
                "blue" => new SKColor(0x2E, 0x5E, 0xD8),
                "green" => new SKColor(0x2E, 0x9A, 0x4E),
                "yellow" => new SKColor(0xF2, 0xC8, 0x20),
                "black" => new SKColor(0x22, 0x22, 0x26),
                "white" => new SKColor(0xF4, 0xF4, 0xF0),
                "pink" => new SKColor(0xF2, 0x8C, 0xB0),
                "purple" => new SKColor(0x8A, 0x4E, 0xC0),
                "orange" => new SKColor(0xF0, 0x8A, 0x20),
                "brown" => new SKColor(0x8A, 0x5A, 0x34),
                "grey" => new SKColor(0x8A, 0x8C, 0x90),
                _ => null,
            }
            : null;

    public static FigureLook Of(Character character)
    {
        ArgumentNullException.ThrowIfNull(character);
        var name = character.Name.Trim();
        var look = character.Look ?? CharacterLooks.Of(character);
        var hash = StableHash.Of(name);
        var gender = look.Gender == CharacterGender.Unspecified ? ((hash & 1) == 0 ? CharacterGender.Male : CharacterGender.Female) : look.Gender;
        var outfit = SKColor.Parse(look.Palette.Clothing);
        if (Characters.CharacterColor.TryParse(character.Color, out var red, out var green, out var blue))
        {
            // A colour chosen in the character bible dresses the character.
            outfit = new SKColor(red, green, blue);
        }

        outfit.ToHsv(out var hue, out _, out _);
        var shade = SKColor.FromHsv((hue + 200) % 360, 35, 38);
        var eyes = SKColor.FromHsv((hash >> 17) % 360, 55, 55);
        var cuts = (gender, look.Age) switch
        {
            (CharacterGender.Female, CharacterAge.Senior) => SeniorFemaleCuts,
            (CharacterGender.Female, _) => FemaleCuts,
            (_, CharacterAge.Senior) => SeniorMaleCuts,
            _ => MaleCuts,
        };
        var cut = cuts[(hash >> 24) % (uint)cuts.Length];
        return new FigureLook(
            name, gender, look.Age, SkinTones[(hash >> 12) % (uint)SkinTones.Length], SKColor.Parse(look.Palette.Hair), outfit, shade, eyes, cut, look.Props);
    }
}
