using Serverless.Captions;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Pipeline;

/// <summary>
/// Lays the storyboard out on the video's timeline: shot <c>i</c> starts at the sum of the durations before it,
/// its voice starts a moment later, and its subtitle shows exactly while the voice speaks.
/// </summary>
public static class RenderTimeline
{
    /// <summary>Silence between a shot's first frame and its first word, so a transition never swallows speech.</summary>
    public const double VoiceLeadSeconds = 0.25;

    public static IReadOnlyList<RenderShot> Shots(Storyboard storyboard, IReadOnlyList<DrawnShot> images) =>
        storyboard.Shots.Select((shot, i) => new RenderShot
        {
            Image = images[i].Image,
            Duration = shot.Duration,
            Motion = shot.Motion,
            TransitionIn = i == 0 ? TransitionKind.Cut : shot.Transition,
            TransitionDuration = shot.Transition == TransitionKind.Cut ? 0 : Math.Min(0.5, shot.Duration / 4),
        }).ToList();

    /// <summary>
    /// Each shot's sound effect found in <paramref name="found"/> (by cue), starting when the shot stands alone: at its
    /// start, after its incoming transition. Shots whose cue was not found get none.
    /// </summary>
    public static IReadOnlyList<RenderSoundEffect> SoundEffects(Storyboard storyboard, IReadOnlyDictionary<string, RenderSoundEffect> found)
    {
        ArgumentNullException.ThrowIfNull(storyboard);
        ArgumentNullException.ThrowIfNull(found);
        var effects = new List<RenderSoundEffect>();
        var start = 0.0;
        for (var i = 0; i < storyboard.Shots.Count; i++)
        {
            var shot = storyboard.Shots[i];
            if (shot.SoundEffect is { } cue && found.TryGetValue(cue, out var effect))
            {
                var transition = i == 0 || shot.Transition == TransitionKind.Cut ? 0 : Math.Min(0.5, shot.Duration / 4);
                effects.Add(effect with { Start = Math.Round(start + transition, 3) });
            }

            start += shot.Duration;
        }

        return effects.Take(RenderSoundEffect.MaxCount).ToList();
    }

    public static (IReadOnlyList<RenderVoice> Voices, IReadOnlyList<SubtitleCue> Subtitles) Speech(Storyboard storyboard, IReadOnlyList<VoiceClip> clips)
    {
        var byShot = clips.ToDictionary(c => c.ShotId);
        var voices = new List<RenderVoice>();
        var subtitles = new List<SubtitleCue>();
        var start = 0.0;
        foreach (var shot in storyboard.Shots)
        {
            if (byShot.TryGetValue(shot.Id, out var clip))
            {
                voices.Add(new RenderVoice(clip.Audio, start + VoiceLeadSeconds, clip.DurationSeconds));
                subtitles.Add(Cue(shot, start, clip.DurationSeconds, clip.Words));
            }

            start += shot.Duration;
        }

        return (voices, subtitles);
    }

    /// <summary>
    /// The subtitle of a shot starting at <paramref name="shotStart"/> whose line speaks for <paramref name="speechSeconds"/>,
    /// with the words its voice reported (<paramref name="clipWords"/>, seconds into the clip) moved onto the timeline.
    /// </summary>
    public static SubtitleCue Cue(StoryboardShot shot, double shotStart, double speechSeconds, IReadOnlyList<CueWord>? clipWords = null)
    {
        ArgumentNullException.ThrowIfNull(shot);
        var voiceStart = shotStart + VoiceLeadSeconds;
        var end = voiceStart + Math.Max(speechSeconds, 1.0);
        var words = clipWords is { Count: > 0 } ? CaptionWords.Shift(clipWords, voiceStart, voiceStart, end) : null;
        return new SubtitleCue(voiceStart, end, shot.Text, shot.Character, words);
    }
}
