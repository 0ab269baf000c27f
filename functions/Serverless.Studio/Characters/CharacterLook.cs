using Serverless.Studio.Speech;

namespace Serverless.Studio.Characters;

/// <summary>How old a character looks: sets figure proportions, hair and the voice's pitch.</summary>
public enum CharacterAge
{
    Adult,
    Child,
    Teen,
    Senior,
}

/// <summary>A character's clothing and hair colours as <c>#rrggbb</c>.</summary>
public sealed record CharacterPalette(string Clothing, string Hair);

/// <summary>
/// How a character looks and sounds, resolved from the script (<see cref="CharacterLooks"/>) or set by the owner:
/// gender, age, palette, and the clothing and props the script names (raincoat, glasses, red notebook...).
/// </summary>
public sealed record CharacterLook(CharacterGender Gender, CharacterAge Age, CharacterPalette Palette)
{
    /// <summary>Props and clothing to draw, each a known prop word, optionally after a colour ("red notebook").</summary>
    public IReadOnlyList<string> Props { get; init; } = [];

    /// <summary>The look as the attribute words voices and prompts understand ("female", "senior").</summary>
    public IReadOnlyList<string> Words()
    {
        var words = new List<string>(2);
        if (Gender != CharacterGender.Unspecified)
        {
            words.Add(Gender == CharacterGender.Female ? "female" : "male");
        }

        if (Age != CharacterAge.Adult)
        {
            words.Add(Age.ToString().ToLowerInvariant());
        }

        return words;
    }
}
