namespace Serverless.Studio.Storyboards;

/// <summary>Codes recorded on a storyboard shot (<see cref="StoryboardShot.Notes"/>) for something left out of its video.</summary>
public static class ShotNotes
{
    /// <summary>The shot's sound cue matched no sound effect in the catalog; the video has none there.</summary>
    public const string SoundEffectMissing = "sound_effect_missing";
}
