using Serverless.Captions;
using System.Text.Json.Serialization;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Storyboards;

/// <summary>One picture of the storyboard: what it shows, for how long, and how it is entered.</summary>
public sealed record StoryboardShot
{
    /// <summary>"shot-001", "shot-002"...: stable across re-planning of the same script.</summary>
    public required string Id { get; init; }

    /// <summary>Position in the storyboard, counted from 0 (<see cref="Id"/> counts from 1).</summary>
    public required int Index { get; init; }

    public required string SceneId { get; init; }

    public required string Location { get; init; }

    public required string Time { get; init; }

    /// <summary>The scene's resolved place and light, which the picture shows; null on storyboards planned before it existed.</summary>
    public SceneSetting? Setting { get; init; }

    public required ShotFraming Framing { get; init; }

    public required ScriptLineType LineType { get; init; }

    /// <summary>The speaker of dialogue; null for narration and action.</summary>
    public string? Character { get; init; }

    /// <summary>The spoken text, or the action's description.</summary>
    public required string Text { get; init; }

    public string? Emotion { get; init; }

    /// <summary>The speaker is heard, not seen: the frame shows the listeners.</summary>
    public bool OffScreen { get; init; }

    public IReadOnlyList<string> CharactersInFrame { get; init; } = [];

    /// <summary>Seconds on screen.</summary>
    public required double Duration { get; init; }

    /// <summary>
    /// The owner set <see cref="Duration"/> (<c>PATCH .../shots/{id}</c>): renders keep it as set, lengthening it only to
    /// fit its speech, and take no time from it to make room for other shots.
    /// </summary>
    public bool DurationEdited { get; init; }

    /// <summary>Estimated seconds of speech (0 for actions); the floor for <see cref="Duration"/> until speech is measured.</summary>
    public double SpeechSeconds { get; init; }

    /// <summary>How this shot is entered from the previous one; the first shot fades in.</summary>
    public TransitionKind Transition { get; init; }

    public CameraMotion Motion { get; init; }

    /// <summary>Style + characters (with attributes) + scene + what happens: for an image model or the frame renderer.</summary>
    public required string ImagePrompt { get; init; }

    /// <summary>Which provider drew the picture, once drawn (e.g. "azure-openai", or the offline renderer after a fallback).</summary>
    public string? ImageProvider { get; init; }

    /// <summary>The providers tried before <see cref="ImageProvider"/> and why each did not draw it; null when none was passed over.</summary>
    public IReadOnlyList<Providers.Fallback.PassedOver>? ImagePassedOver { get; init; }

    /// <summary>Which provider spoke the line, once recorded; null for silent shots.</summary>
    public string? VoiceProvider { get; init; }

    /// <summary>The providers tried before <see cref="VoiceProvider"/> and why each did not speak the line; null when none was passed over.</summary>
    public IReadOnlyList<Providers.Fallback.PassedOver>? VoicePassedOver { get; init; }

    /// <summary>The user's own words for the picture (<c>POST .../shots/{id}/regenerate</c>); they replace the planned description.</summary>
    public string? PromptOverride { get; init; }

    /// <summary>The shot's picture, once drawn on its own (<c>POST .../storyboard/generate-images</c> or a regeneration).</summary>
    public BlobRef? Image { get; init; }

    /// <summary>The spoken line's clip, once recorded on its own (<c>POST .../audio/generate-dialogues</c>).</summary>
    public BlobRef? Voice { get; init; }

    /// <summary>Measured length of <see cref="Voice"/> in seconds.</summary>
    public double? VoiceSeconds { get; init; }

    /// <summary>When each word of the line is said, seconds into <see cref="Voice"/>; null where the voice did not report it.</summary>
    public IReadOnlyList<CueWord>? VoiceWords { get; init; }

    /// <summary>The script's sound cue for this shot (<c>[SFX: thunder]</c> gives "thunder"), heard from the shot's start.</summary>
    public string? SoundEffect { get; init; }

    /// <summary>What the pipeline left out of this shot and why, as codes (<see cref="ShotNotes"/>); the video is made without it.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    [JsonIgnore]
    public bool IsSpoken => LineType is ScriptLineType.Dialogue or ScriptLineType.Narration;
}
