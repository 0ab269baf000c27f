using Serverless.Contracts.Rendering;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tests.Screenplays;

namespace Serverless.Studio.Tests.Storyboards;

/// <summary>An <c>[SFX: ...]</c> cue stays on its shot through planning and lands on the timeline at the shot's start.</summary>
public sealed class SoundEffectCueTests
{
    private static Storyboard Plan() =>
        new StoryboardPlanner().Plan(SampleScriptsParseTests.ParseSample("knock_at_the_door.en.txt"), new StoryboardOptions(Seed: 7));

    [Fact]
    public void A_sound_cue_becomes_an_action_shot_that_keeps_its_cue_and_other_shots_have_none()
    {
        var shots = Plan().Shots;

        Assert.Equal(6, shots.Count);
        Assert.Equal([null, "thunder", null, "door knock", null, null], shots.Select(s => s.SoundEffect));
        Assert.All(shots.Where(s => s.SoundEffect is not null), s =>
        {
            Assert.Equal(Serverless.Studio.Screenplays.ScriptLineType.Action, s.LineType);
            Assert.Equal(s.SoundEffect, s.Text);
            Assert.Equal(0, s.SpeechSeconds);
            Assert.Empty(s.Notes);
        });
    }

    [Fact]
    public void A_found_effect_starts_where_its_shot_stands_alone_and_a_missing_one_is_left_out()
    {
        var storyboard = Plan();
        var knock = new RenderSoundEffect { Sound = new BlobRef("catalog", "sfx/door/knock.wav"), Start = 0, Volume = 0.5, MaxDurationSeconds = 20 };

        var effects = RenderTimeline.SoundEffects(storyboard, new Dictionary<string, RenderSoundEffect>(StringComparer.OrdinalIgnoreCase) { ["DOOR KNOCK"] = knock });

        var shots = storyboard.Shots;
        var index = shots.ToList().FindIndex(s => s.SoundEffect == "door knock");
        var shotStart = shots.Take(index).Sum(s => s.Duration);
        var render = RenderTimeline.Shots(storyboard, shots.Select(s => new DrawnShot(s.Id, new BlobRef("assets", $"{s.Id}.png"), "offline")).ToList());
        var effect = Assert.Single(effects);
        Assert.Equal(knock.Sound, effect.Sound);
        Assert.Equal((0.5, 20.0), (effect.Volume, effect.MaxDurationSeconds!.Value));
        Assert.Equal(Math.Round(shotStart + render[index].TransitionDuration, 3), effect.Start, 3);
        Assert.True(effect.Start >= shotStart && effect.Start < shotStart + shots[index].Duration);
    }

    [Fact]
    public void After_a_fade_the_effect_waits_for_the_blend_to_end()
    {
        var planned = Plan();
        var shots = planned.Shots.Select((s, i) => i == 1 ? s with { Transition = TransitionKind.Fade, Duration = 4 } : s).ToList();
        var storyboard = planned with { Shots = shots };
        var thunder = new RenderSoundEffect { Sound = new BlobRef("catalog", "sfx/thunder.wav"), Start = 0 };

        var effect = Assert.Single(RenderTimeline.SoundEffects(storyboard, new Dictionary<string, RenderSoundEffect> { ["thunder"] = thunder }));

        Assert.Equal(Math.Round(shots[0].Duration + 0.5, 3), effect.Start, 3);
    }
}
