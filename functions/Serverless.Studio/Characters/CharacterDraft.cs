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
    string? ReferenceImageAssetId = null);
