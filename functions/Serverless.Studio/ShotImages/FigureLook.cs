using Serverless.Studio.Screenplays;
using Serverless.Studio.Speech;
using SkiaSharp;

namespace Serverless.Studio.ShotImages;

/// <summary>
/// How a character is drawn in every shot: skin, hair, outfit and eye colors and haircut. Derived from a stable hash
/// of the name (and attributes such as gender, age, 金发, 眼镜), so a character looks the same in every frame, on
/// every worker, in every run.
/// </summary>
internal sealed record FigureLook(
    string Name,
    CharacterGender Gender,
    SKColor Skin,
    SKColor Hair,
    SKColor Outfit,
    SKColor OutfitShade,
    SKColor Eyes,
    HairCut Cut,
    bool Glasses)
{
    private static readonly SKColor[] SkinTones =
        [new(0xFF, 0xE3, 0xCF), new(0xFB, 0xD6, 0xBA), new(0xF1, 0xC4, 0xA0), new(0xFF, 0xE3, 0xCF), new(0xD9, 0xA4, 0x7E), new(0xB8, 0x82, 0x5E)];

    private static readonly SKColor[] HairColors =
        [new(0x24, 0x1C, 0x22), new(0x3D, 0x2A, 0x22), new(0x6A, 0x42, 0x28), new(0x1E, 0x26, 0x3E), new(0x8E, 0x3B, 0x2A), new(0x2E, 0x22, 0x1E)];

    private static readonly HairCut[] FemaleCuts = [HairCut.Long, HairCut.Ponytail, HairCut.Bob, HairCut.TwinTails];
    private static readonly HairCut[] MaleCuts = [HairCut.Short, HairCut.Spiky, HairCut.Parted];

    public static FigureLook Of(Character character)
    {
        ArgumentNullException.ThrowIfNull(character);
        var name = character.Name.Trim();
        // The bible's appearance ("blonde, glasses") counts like declared attributes.
        var appearance = (character.Appearance ?? "").Split([',', '，', '、', ';', '；'], StringSplitOptions.TrimEntries);
        var attributes = (character.Attributes ?? []).Concat(appearance).Where(a => !string.IsNullOrWhiteSpace(a)).ToList();
        var hash = StableHash.Of(name);
        var gender = CharacterGenderAttributes.Read(attributes);
        if (gender == CharacterGender.Unspecified)
        {
            gender = (hash & 1) == 0 ? CharacterGender.Male : CharacterGender.Female;
        }

        var hair = HairColors[(hash >> 4) % (uint)HairColors.Length];
        if (Has(attributes, "金发", "blond", "blonde"))
        {
            hair = new SKColor(0xE2, 0xBE, 0x6A);
        }
        else if (Has(attributes, "老", "白发", "old", "elder", "grand", "爷", "奶"))
        {
            hair = new SKColor(0xC9, 0xC6, 0xC2);
        }
        else if (Has(attributes, "红发", "redhead"))
        {
            hair = new SKColor(0xB5, 0x3A, 0x22);
        }

        // Outfit hue spread over the wheel by the hash: the strongest cue for telling characters apart.
        var hue = (hash >> 8) % 360;
        var outfit = SKColor.FromHsv(hue, 58, 82);
        var shade = SKColor.FromHsv((hue + 200) % 360, 35, 38);
        if (Characters.CharacterColor.TryParse(character.Color, out var red, out var green, out var blue))
        {
            // A colour chosen in the character bible dresses the character; the shade keeps the hashed look's contrast.
            outfit = new SKColor(red, green, blue);
            outfit.ToHsv(out var chosenHue, out _, out _);
            shade = SKColor.FromHsv((chosenHue + 200) % 360, 35, 38);
        }
        var eyes = SKColor.FromHsv((hash >> 17) % 360, 55, 55);
        var cuts = gender == CharacterGender.Female ? FemaleCuts : MaleCuts;
        var cut = cuts[(hash >> 24) % (uint)cuts.Length];
        return new FigureLook(
            name, gender, SkinTones[(hash >> 12) % (uint)SkinTones.Length], hair, outfit, shade, eyes, cut,
            Has(attributes, "眼镜", "glasses", "spectacles"));
    }

    private static bool Has(IReadOnlyList<string> attributes, params string[] words) =>
        attributes.Any(a => words.Any(w => a.Contains(w, StringComparison.OrdinalIgnoreCase)));
}
