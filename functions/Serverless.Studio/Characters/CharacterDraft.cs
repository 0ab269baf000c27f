namespace Serverless.Studio.Characters;

/// <summary>
/// A new character or an edit of one. In an edit, a null field stays as it is and an empty string clears it.
/// </summary>
public sealed record CharacterDraft(
    string? Name = null,
    IReadOnlyList<string>? Attributes = null,
    string? Appearance = null,
    string? VoiceId = null,
    string? Color = null,
    string? ReferenceImageAssetId = null,
    CharacterLookEdit? Look = null);

/// <summary>An edit of a character's look; a null field stays as it is. Colours as <c>#rrggbb</c>, props from the drawable ones.</summary>
public sealed record CharacterLookEdit(
    Speech.CharacterGender? Gender = null,
    CharacterAge? Age = null,
    CharacterPaletteEdit? Palette = null,
    IReadOnlyList<string>? Props = null);

/// <summary>An edit of a look's palette; a null colour stays as it is.</summary>
public sealed record CharacterPaletteEdit(string? Clothing = null, string? Hair = null);
