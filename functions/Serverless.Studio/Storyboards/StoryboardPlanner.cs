using Serverless.Contracts.Rendering;
using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Storyboards;

/// <summary>
/// Plans a storyboard from a screenplay by rules: one shot per script line, framing from content,
/// transitions at scene changes and beats, camera moves varied by the seed, image prompts from
/// style + character bible + scene, durations fitted to the target. Deterministic: the same
/// screenplay and options always give the same storyboard.
/// </summary>
public sealed class StoryboardPlanner
{
    /// <summary>The screenplay's tag on a sound cue action (<c>[SFX: thunder]</c>).</summary>
    public const string SoundCueTag = "sfx";

    public Storyboard Plan(Screenplay screenplay, StoryboardOptions options)
    {
        ArgumentNullException.ThrowIfNull(screenplay);
        ArgumentNullException.ThrowIfNull(options);

        var shots = new List<StoryboardShot>();
        var framings = new List<ShotFraming>();
        CameraMotion? previousMotion = null;
        Scene? previousScene = null;
        var settings = SceneSettings.Resolve(screenplay.Scenes);
        for (var sceneIndex = 0; sceneIndex < screenplay.Scenes.Count; sceneIndex++)
        {
            var scene = screenplay.Scenes[sceneIndex];
            var onScreen = OnScreenCharacters(scene);
            ScriptLine? previousDialogue = null;
            for (var j = 0; j < scene.Shots.Count; j++)
            {
                var line = scene.Shots[j];
                var index = shots.Count;
                var framing = FramingRules.Choose(line, previousDialogue, j == 0, framings);
                var motion = CameraMotionChooser.Choose(options.Seed, index, framing, previousMotion);
                var shot = new StoryboardShot
                {
                    Id = $"shot-{index + 1:D3}",
                    Index = index,
                    SceneId = scene.Id,
                    Location = scene.Location,
                    Time = scene.Time,
                    Setting = settings[sceneIndex],
                    Framing = framing,
                    LineType = line.Type,
                    Character = line.Character,
                    Text = line.Text,
                    Emotion = line.Emotion,
                    OffScreen = line.OffScreen,
                    SoundEffect = line.Tags.Contains(SoundCueTag) ? line.Text : null,
                    CharactersInFrame = InFrame(line, previousDialogue, framing, onScreen),
                    Duration = line.Duration,
                    SpeechSeconds = line.IsSpoken ? line.Duration : 0,
                    Transition = TransitionRules.Choose(index, scene, previousScene, j == 0, line),
                    Motion = motion,
                    ImagePrompt = string.Empty,
                };
                shots.Add(shot with { ImagePrompt = ImagePromptComposer.Compose(shot, screenplay, options.Style, options.AspectRatio) });
                framings.Add(framing);
                previousMotion = motion;
                if (line.Type == ScriptLineType.Dialogue)
                {
                    // A beat of action between two lines does not end the exchange.
                    previousDialogue = line;
                }
            }

            previousScene = scene;
        }

        IReadOnlyList<StoryboardShot> planned = shots;
        if (options.TargetDurationSeconds is { } target && double.IsFinite(target) && target > 0 && shots.Count > 0)
        {
            planned = DurationFitting.FitToTarget(shots, target);
        }

        return new Storyboard(planned, options.Style, options.AspectRatio);
    }

    /// <summary>
    /// Refits shot lengths to synthesized speech: each shot in <paramref name="speechSecondsByShotId"/>
    /// lasts at least its speech plus <paramref name="breathingRoomSeconds"/>, so speech is never cut
    /// off and no picture freezes while a voice runs on; the added time is taken back from shots with
    /// slack where possible, keeping the planned length.
    /// </summary>
    public Storyboard FitToSpeech(Storyboard storyboard, IReadOnlyDictionary<string, double> speechSecondsByShotId, double breathingRoomSeconds = 0.4)
    {
        ArgumentNullException.ThrowIfNull(storyboard);
        ArgumentNullException.ThrowIfNull(speechSecondsByShotId);
        return storyboard with { Shots = DurationFitting.FitToSpeech(storyboard.Shots, speechSecondsByShotId, breathingRoomSeconds) };
    }

    /// <summary>Everyone in the scene except voices that are only ever heard off-screen.</summary>
    private static IReadOnlyList<string> OnScreenCharacters(Scene scene)
    {
        var onlyHeard = scene.Shots
            .Where(l => l.Type == ScriptLineType.Dialogue && l.Character is not null)
            .GroupBy(l => l.Character!, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.All(l => l.OffScreen))
            .Select(g => g.Key)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        return scene.Characters.Where(c => !onlyHeard.Contains(c)).ToArray();
    }

    private static IReadOnlyList<string> InFrame(ScriptLine line, ScriptLine? previousDialogue, ShotFraming framing, IReadOnlyList<string> onScreen)
    {
        if (line.Type == ScriptLineType.Dialogue && line.Character is { } speaker)
        {
            if (line.OffScreen)
            {
                return onScreen.Where(c => !string.Equals(c, speaker, StringComparison.OrdinalIgnoreCase)).ToArray();
            }

            return framing switch
            {
                ShotFraming.Long => [speaker, .. onScreen.Where(c => !string.Equals(c, speaker, StringComparison.OrdinalIgnoreCase))],
                ShotFraming.OverShoulder when previousDialogue?.Character is { } listener => [speaker, listener],
                _ => [speaker],
            };
        }

        // Action and narration show who they name, or else the whole scene.
        var named = onScreen.Where(c => line.Text.Contains(c, StringComparison.OrdinalIgnoreCase)).ToArray();
        return named.Length > 0 ? named : onScreen;
    }
}
