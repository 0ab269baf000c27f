using System.Text.Json.Serialization;

namespace Serverless.Studio.Screenplays;

/// <summary>
/// One subtitle-sized beat of a scene: a spoken line (dialogue or narration) or an action.
/// <see cref="Character"/> is the speaker of dialogue and null for narration and actions;
/// <see cref="Text"/> is exactly what is said (or the action description); <see cref="Duration"/>
/// is the estimated seconds of speech, or of screen time for an action.
/// </summary>
public sealed record ScriptLine(ScriptLineType Type, string? Character, string Text, string? Emotion, double Duration)
{
    /// <summary>Cue kinds, e.g. <c>sfx</c> for a <c>[SFX: thunder]</c> action.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>The speaker is heard but not seen (Fountain <c>(O.S.)</c>/<c>(V.O.)</c>, <c>(画外音)</c>).</summary>
    public bool OffScreen { get; init; }

    [JsonIgnore]
    public bool IsSpoken => Type is ScriptLineType.Dialogue or ScriptLineType.Narration;
}
