namespace Serverless.Testing.Ocr;

/// <summary>
/// Maps recognizer classes to characters. PaddleOCR's CTC head puts the blank at class 0, the dictionary lines
/// at 1..n, and (for models trained with use_space_char) a space as the last class.
/// </summary>
internal sealed class CharacterDictionary
{
    private readonly string[] _classes;

    private CharacterDictionary(string[] classes) => _classes = classes;

    public int ClassCount => _classes.Length;

    /// <summary>The character for a non-blank class.</summary>
    public string this[int classIndex] => _classes[classIndex];

    /// <summary>Builds the class table and checks it against the model's output width, so a mismatched dictionary fails loudly.</summary>
    public static CharacterDictionary Create(IReadOnlyList<string> keys, int modelClassCount)
    {
        var classes = new List<string>(keys.Count + 2) { string.Empty };
        classes.AddRange(keys);
        if (modelClassCount == classes.Count + 1)
        {
            classes.Add(" ");
        }

        if (modelClassCount != classes.Count)
        {
            throw new InvalidOperationException(
                $"The recognition model has {modelClassCount} classes but the dictionary gives {classes.Count} (blank + {keys.Count} keys).");
        }

        return new CharacterDictionary([.. classes]);
    }

    /// <summary>Reads one character per line; a file without a final newline must not lose its last key.</summary>
    public static IReadOnlyList<string> ReadKeys(string path) =>
        File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n');
}
