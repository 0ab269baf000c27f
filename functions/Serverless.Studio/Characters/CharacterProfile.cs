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

    /// <summary>Whether the script declares this character (false: added through the API only).</summary>
    public bool Declared { get; init; }

    /// <summary>Set once a user edits the attributes; a re-parsed script no longer replaces them.</summary>
    public bool AttributesEdited { get; init; }

    public Character ToCharacter() => new(Name, Attributes)
    {
        Appearance = Appearance,
        VoiceId = VoiceId,
        Color = Color,
        ReferenceImage = ReferenceImage,
    };
}
