using Serverless.Media.Rendering;

namespace Serverless.Media.Timeline;

/// <summary>
/// The frame plan of a render.
/// <para>
/// Timeline rule: shot i starts at T(i) = the sum of <see cref="ShotClip.Duration"/> of the shots before it, and
/// the video lasts the sum of all durations. A transition into shot i (its <see cref="ShotClip.TransitionIn"/>,
/// d seconds) runs from T(i) to T(i) + d: shot i starts to appear at T(i) while shot i-1 is held d seconds past
/// the end of its own slot. So each shot's clip is rendered for its duration plus the next shot's transition, and
/// only those overlap frames are blended. This is what lets the pipeline place voices and subtitles at the
/// cumulative start of their shot without knowing anything about transitions.
/// </para>
/// Times are rounded to frames from cumulative seconds, so rounding never accumulates along the video.
/// </summary>
public sealed class RenderTimeline
{
    private RenderTimeline(int framesPerSecond, IReadOnlyList<ShotSpan> shots)
    {
        FramesPerSecond = framesPerSecond;
        Shots = shots;
        TotalFrames = shots.Sum(s => s.SlotFrames);
    }

    public int FramesPerSecond { get; }
    public IReadOnlyList<ShotSpan> Shots { get; }
    public int TotalFrames { get; }
    public double DurationSeconds => (double)TotalFrames / FramesPerSecond;

    public double Seconds(int frames) => (double)frames / FramesPerSecond;

    public static RenderTimeline Plan(IReadOnlyList<ShotClip> shots, int framesPerSecond)
    {
        if (framesPerSecond is < 1 or > 120)
        {
            throw new InvalidRenderJobException($"Frame rate {framesPerSecond} is outside 1-120.");
        }

        if (shots.Count == 0)
        {
            throw new InvalidRenderJobException("A render needs at least one shot.");
        }

        var starts = new int[shots.Count + 1];
        double elapsed = 0;
        for (var i = 0; i < shots.Count; i++)
        {
            var duration = shots[i].Duration;
            if (!double.IsFinite(duration) || duration <= 0 || duration > 3600)
            {
                throw new InvalidRenderJobException($"Shot {i} has duration {duration}; it must be above 0 and at most 3600 seconds.");
            }

            starts[i] = (int)Math.Round(elapsed * framesPerSecond, MidpointRounding.AwayFromZero);
            elapsed += duration;
        }

        starts[shots.Count] = (int)Math.Round(elapsed * framesPerSecond, MidpointRounding.AwayFromZero);

        var slots = new int[shots.Count];
        for (var i = 0; i < shots.Count; i++)
        {
            slots[i] = starts[i + 1] - starts[i];
            if (slots[i] < 1)
            {
                throw new InvalidRenderJobException($"Shot {i} lasts {shots[i].Duration} s, less than one frame at {framesPerSecond} fps.");
            }
        }

        var transitionIn = new int[shots.Count + 1];
        for (var i = 1; i < shots.Count; i++)
        {
            transitionIn[i] = TransitionFrames(shots[i], slots[i], framesPerSecond);
        }

        var spans = new ShotSpan[shots.Count];
        for (var i = 0; i < shots.Count; i++)
        {
            spans[i] = new ShotSpan(i, starts[i], slots[i], transitionIn[i], transitionIn[i + 1]);
        }

        return new RenderTimeline(framesPerSecond, spans);
    }

    /// <summary>
    /// A blend takes at most half of the incoming shot's slot, so every shot is seen alone for a while however
    /// long a transition the storyboard asked for.
    /// </summary>
    private static int TransitionFrames(ShotClip shot, int slotFrames, int framesPerSecond)
    {
        if (shot.TransitionIn == TransitionKind.Cut || !double.IsFinite(shot.TransitionDuration) || shot.TransitionDuration <= 0)
        {
            return 0;
        }

        var wanted = (int)Math.Round(shot.TransitionDuration * framesPerSecond, MidpointRounding.AwayFromZero);
        return Math.Clamp(wanted, 0, slotFrames / 2);
    }
}
