using CsCheck;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tests.Screenplays;

namespace Serverless.Studio.Tests.Storyboards;

public sealed class FitToSpeechTests
{
    private static readonly string[] Samples = ["confession.zh.txt", "product_launch.en.txt", "fountain_short.en.fountain", "markdown_multi.zh.md"];

    [Fact]
    public void Speech_longer_than_planned_lengthens_the_shot_and_the_time_comes_back_from_silent_shots()
    {
        var planner = new StoryboardPlanner();
        var planned = planner.Plan(SampleScriptsParseTests.ParseSample("confession.zh.txt"), new StoryboardOptions(TargetDurationSeconds: 40));
        var spoken = planned.Shots.First(s => s.IsSpoken);

        var fitted = planner.FitToSpeech(planned, new Dictionary<string, double> { [spoken.Id] = spoken.Duration + 3 });

        Assert.Equal(spoken.Duration + 3.4, fitted.Shots[spoken.Index].Duration, 2);
        Assert.InRange(fitted.TotalDuration, planned.TotalDuration - 0.05, planned.TotalDuration + 0.05);
        Assert.Contains(fitted.Shots, s => !s.IsSpoken && s.Duration < planned.Shots[s.Index].Duration);
    }

    [Fact]
    public void A_duration_the_owner_set_gives_no_time_to_other_shots()
    {
        var planner = new StoryboardPlanner();
        var planned = planner.Plan(SampleScriptsParseTests.ParseSample("confession.zh.txt"), new StoryboardOptions(TargetDurationSeconds: 40));
        var spoken = planned.Shots.First(s => s.IsSpoken);
        var silent = planned.Shots.Where(s => !s.IsSpoken).ToList();
        var edited = planned with
        {
            Shots = planned.Shots.Select(s => s.IsSpoken ? s : s with { Duration = s.Duration + 2, DurationEdited = s.Id == silent[0].Id }).ToList(),
        };

        var fitted = planner.FitToSpeech(edited, new Dictionary<string, double> { [spoken.Id] = spoken.Duration + 3 });

        // The time the longer speech takes comes back from the other silent shots, never from the edited one.
        Assert.Equal(silent[0].Duration + 2, fitted.Shots[silent[0].Index].Duration, 2);
        Assert.Contains(silent.Skip(1), s => fitted.Shots[s.Index].Duration < s.Duration + 2);
        Assert.InRange(fitted.TotalDuration, edited.TotalDuration - 0.05, edited.TotalDuration + 0.05);
    }

    [Fact]
    public void Speech_that_fits_changes_nothing()
    {
        var planner = new StoryboardPlanner();
        var planned = planner.Plan(SampleScriptsParseTests.ParseSample("markdown_multi.zh.md"), new StoryboardOptions(TargetDurationSeconds: 60));
        var speech = planned.Shots.Where(s => s.IsSpoken).ToDictionary(s => s.Id, s => s.Duration - 1);

        var fitted = planner.FitToSpeech(planned, speech);

        Assert.Equal(StoryboardPlannerTests.Json(planned), StoryboardPlannerTests.Json(fitted));
    }

    [Fact]
    public void Never_shortens_a_shot_below_its_speech_and_never_lengthens_unmeasured_shots()
    {
        var planner = new StoryboardPlanner();
        var cases = Gen.Select(Gen.Int[0, Samples.Length - 1], Gen.Double[5, 120], Gen.Double[0, 20].Array[12], Gen.Bool.Array[12], Gen.Double[0, 1]);
        cases.Sample(
            (sample, target, speeches, measured, breathing) =>
            {
                var planned = planner.Plan(SampleScriptsParseTests.ParseSample(Samples[sample]), new StoryboardOptions(TargetDurationSeconds: target));
                var speech = planned.Shots.Where(s => measured[s.Index % measured.Length]).ToDictionary(s => s.Id, s => speeches[s.Index % speeches.Length]);

                var fitted = planner.FitToSpeech(planned, speech, breathing);

                Assert.Equal(planned.Shots.Select(s => s.Id), fitted.Shots.Select(s => s.Id));
                foreach (var shot in fitted.Shots)
                {
                    var before = planned.Shots[shot.Index].Duration;
                    if (speech.TryGetValue(shot.Id, out var seconds))
                    {
                        Assert.True(shot.Duration >= seconds + breathing - 1e-9, $"{shot.Id}: {shot.Duration} s < speech {seconds} s + {breathing} s");
                    }
                    else
                    {
                        Assert.True(shot.Duration <= before + 1e-9, $"{shot.Id} was not measured but grew from {before} to {shot.Duration}");
                    }
                }

                var floors = fitted.Shots.Sum(s => speech.TryGetValue(s.Id, out var sec) ? sec + breathing : Math.Min(planned.Shots[s.Index].Duration, s.IsSpoken ? s.SpeechSeconds : 1.5));
                Assert.True(fitted.TotalDuration <= Math.Max(planned.TotalDuration, floors) + (0.02 * fitted.Shots.Count), "the video grew more than its speech requires");
            },
            iter: 2_000);
    }

    [Fact]
    public void Nonsense_measurements_are_ignored()
    {
        var planner = new StoryboardPlanner();
        var planned = planner.Plan(SampleScriptsParseTests.ParseSample("product_launch.en.txt"), new StoryboardOptions());
        var ids = planned.Shots.Select(s => s.Id).ToArray();

        var fitted = planner.FitToSpeech(planned, new Dictionary<string, double> { [ids[1]] = double.NaN, [ids[2]] = -3, [ids[3]] = double.PositiveInfinity, ["shot-999"] = 5 });

        Assert.Equal(StoryboardPlannerTests.Json(planned), StoryboardPlannerTests.Json(fitted));
    }
}
