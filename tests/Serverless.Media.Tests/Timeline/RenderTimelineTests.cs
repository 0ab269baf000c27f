using CsCheck;
using Serverless.Media.Rendering;
using Serverless.Media.Timeline;

namespace Serverless.Media.Tests.Timeline;

public sealed class RenderTimelineTests
{
    private static readonly Gen<ShotClip> Shot =
        Gen.Select(Gen.Double[0.1, 12], Gen.Enum<TransitionKind>(), Gen.Double[0, 3])
            .Select((duration, transition, overlap) => new ShotClip
            {
                Image = "a.png",
                Duration = duration,
                TransitionIn = transition,
                TransitionDuration = overlap,
            });

    [Fact]
    public void Shots_start_at_the_sum_of_earlier_durations_and_the_video_lasts_the_sum_of_all()
    {
        Gen.Select(Shot.Array[1, 15], Gen.Int[24, 60]).Sample((shots, fps) =>
        {
            var timeline = RenderTimeline.Plan(shots, fps);

            double elapsed = 0;
            for (var i = 0; i < shots.Length; i++)
            {
                Assert.Equal((int)Math.Round(elapsed * fps, MidpointRounding.AwayFromZero), timeline.Shots[i].StartFrame);
                elapsed += shots[i].Duration;
            }

            Assert.Equal((int)Math.Round(elapsed * fps, MidpointRounding.AwayFromZero), timeline.TotalFrames);
            Assert.Equal(timeline.TotalFrames, timeline.Shots.Sum(s => s.TransitionInFrames + s.BodyFrames));
        });
    }

    [Fact]
    public void Each_clip_runs_on_under_the_next_shot_for_exactly_its_transition()
    {
        Gen.Select(Shot.Array[1, 15], Gen.Int[24, 30]).Sample((shots, fps) =>
        {
            var spans = RenderTimeline.Plan(shots, fps).Shots;
            Assert.Equal(0, spans[0].TransitionInFrames);
            Assert.Equal(0, spans[^1].TransitionOutFrames);
            for (var i = 0; i < spans.Count; i++)
            {
                Assert.True(spans[i].BodyFrames >= 1, "every shot is seen alone");
                Assert.True(spans[i].TransitionInFrames <= spans[i].SlotFrames / 2);
                Assert.Equal(spans[i].SlotFrames + spans[i].TransitionOutFrames, spans[i].ClipFrames);
                if (i > 0)
                {
                    Assert.Equal(spans[i].TransitionInFrames, spans[i - 1].TransitionOutFrames);
                    if (shots[i].TransitionIn == TransitionKind.Cut)
                    {
                        Assert.Equal(0, spans[i].TransitionInFrames);
                    }
                }
            }
        });
    }

    [Fact]
    public void A_half_second_fade_between_two_second_shots_blends_fifteen_frames_at_thirty_fps()
    {
        var shots = new[]
        {
            new ShotClip { Image = "1.png", Duration = 2 },
            new ShotClip { Image = "2.png", Duration = 2, TransitionIn = TransitionKind.Fade, TransitionDuration = 0.5 },
        };

        var timeline = RenderTimeline.Plan(shots, 30);

        Assert.Equal(120, timeline.TotalFrames);
        Assert.Equal(60, timeline.Shots[1].StartFrame);
        Assert.Equal(15, timeline.Shots[1].TransitionInFrames);
        Assert.Equal(75, timeline.Shots[0].ClipFrames);
        Assert.Equal(45, timeline.Shots[1].BodyFrames);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(0.01)]
    public void Durations_that_cannot_be_shown_are_rejected_as_bad_input(double duration)
    {
        var shots = new[] { new ShotClip { Image = "1.png", Duration = duration } };

        Assert.Throws<InvalidRenderJobException>(() => RenderTimeline.Plan(shots, 30));
    }

    [Fact]
    public void A_job_without_shots_is_rejected_as_bad_input()
    {
        Assert.Throws<InvalidRenderJobException>(() => RenderTimeline.Plan([], 30));
    }
}
