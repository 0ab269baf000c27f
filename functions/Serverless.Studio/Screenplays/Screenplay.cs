namespace Serverless.Studio.Screenplays;

/// <summary>A parsed script in the seed shape: scenes with their lines, and the declared characters.</summary>
public sealed record Screenplay(
    string? Title,
    ScriptFormat Format,
    IReadOnlyList<Scene> Scenes,
    IReadOnlyList<Character> Characters,
    ScreenplayMetadata Metadata)
{
    /// <summary>The declared character of that name (names match case-insensitively), if any.</summary>
    public Character? FindCharacter(string? name) =>
        name is null ? null : Characters.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
}
