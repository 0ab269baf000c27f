namespace Serverless.Studio.Speech;

/// <summary>The gender a character's attributes declare, if any; drives voice and figure casting.</summary>
public enum CharacterGender
{
    Unspecified,
    Male,
    Female,
}

/// <summary>Reads <see cref="CharacterGender"/> from screenplay attributes such as 男, 女, male, female, 雄, 雌.</summary>
public static class CharacterGenderAttributes
{
    // Whole-attribute matches only: "female" contains "male", and 男孩/女孩 style words are matched by their first Hanzi.
    private static readonly string[] MaleWords = ["男", "male", "man", "boy", "m", "雄", "he", "him", "公", "先生", "mr", "gentleman"];
    private static readonly string[] FemaleWords = ["女", "female", "woman", "girl", "f", "雌", "she", "her", "母", "小姐", "女士", "mrs", "ms", "lady"];

    public static CharacterGender Read(IEnumerable<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        foreach (var raw in attributes)
        {
            var attribute = (raw ?? string.Empty).Trim().TrimEnd('.').ToLowerInvariant();
            if (attribute.Length == 0)
            {
                continue;
            }

            if (FemaleWords.Contains(attribute) || attribute.StartsWith('女') || attribute.StartsWith('雌'))
            {
                return CharacterGender.Female;
            }

            if (MaleWords.Contains(attribute) || attribute.StartsWith('男') || attribute.StartsWith('雄'))
            {
                return CharacterGender.Male;
            }
        }

        return CharacterGender.Unspecified;
    }
}
