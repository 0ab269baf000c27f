using Serverless.Contracts.Rendering;
using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Characters;

/// <summary>One entry of a project's character bible, as the API shows and edits it.</summary>
public sealed record CharacterProfile
{
    /// <summary>"chr_" and 12 hex digits; stable while the character stays in the bible.</summary>
    public required string Id { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> Attributes { get; init; } = [];

    public string? Appearance { get; init; }

    /// <summary>The id of a project asset picturing the character.</summary>
    public string? ReferenceImageAssetId { get; init; }

    /// <summary>Where that asset's picture is stored; set when the reference is accepted.</summary>
    public BlobRef? ReferenceImage { get; init; }

    public string? VoiceId { get; init; }

    /// <summary><c>#rrggbb</c>.</summary>
    public string? Color { get; init; }

    /// <summary>Gender, age, palette and props: resolved from the script on every parse until the owner edits it.</summary>
    public CharacterLook? Look { get; init; }

    /// <summary>Set once a user edits the look; a re-parsed script no longer replaces it.</summary>
    public bool LookEdited { get; init; }

    /// <summary>Whether the script declares this character (false: added through the API only).</summary>
    public bool Declared { get; init; }

    /// <summary>Set once a user edits the attributes; a re-parsed script no longer replaces them.</summary>
    public bool AttributesEdited { get; init; }

    /// <summary>
    /// The character as the pipeline uses it. An edited look is used as edited; a resolved one takes what the bible
    /// states explicitly (edited attributes' gender and age, the signature colour) over what the script suggested.
    /// </summary>
    public Character ToCharacter()
    {
        var character = new Character(Name, Attributes)
        {
            Appearance = Appearance,
            VoiceId = VoiceId,
            Color = Color,
            ReferenceImage = ReferenceImage,
        };
        return character with { Look = Look is null || LookEdited ? Look : CharacterLooks.Refine(Look, character) };
    }
}
