using System.Text.Json.Serialization;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Screenplays;

/// <summary>
/// A character as declared by the script: name plus free attributes (gender, role, age...). The optional extras
/// come from the project's character bible (<see cref="Characters.CharacterBible"/>) once a user has edited it,
/// and travel with the character to the image prompts, the frame renderer and the voices.
/// </summary>
public sealed record Character(string Name, IReadOnlyList<string> Attributes)
{
    /// <summary>How the character looks, in words ("short silver hair, red scarf").</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Appearance { get; init; }

    /// <summary>A voice a speech provider knows by this id; overrides the automatic casting.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? VoiceId { get; init; }

    /// <summary>The character's signature colour as <c>#RRGGBB</c>; the frame renderer dresses them in it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Color { get; init; }

    /// <summary>How the character looks and sounds (gender, age, palette, props): resolved from the script, or the owner's edit.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Characters.CharacterLook? Look { get; init; }

    /// <summary>What voices are cast from: the look's words ("female", "child") first, so an edited look wins, then the attributes.</summary>
    public IReadOnlyList<string> VoiceAttributes() => [.. Look?.Words() ?? [], .. Attributes ?? []];

    /// <summary>A reference picture of the character among the project's assets.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public BlobRef? ReferenceImage { get; init; }
}
