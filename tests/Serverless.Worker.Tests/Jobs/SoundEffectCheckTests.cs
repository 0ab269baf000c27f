using Serverless.Contracts.Rendering;
using Serverless.Media;
using Serverless.Worker.Jobs;

namespace Serverless.Worker.Tests.Jobs;

/// <summary>A job's sound effects are bounded and placed inside the video before anything is downloaded.</summary>
public sealed class SoundEffectCheckTests
{
    private static RenderJob Job(params RenderSoundEffect[] effects) => new()
    {
        JobId = "job-1",
        UserId = "user-1",
        ProjectId = "project-1",
        OrchestrationInstanceId = "instance-1",
        Output = new RenderOutput { Width = 360, Height = 640 },
        Shots = [new RenderShot { Image = new BlobRef("assets", "0.png"), Duration = 3 }, new RenderShot { Image = new BlobRef("assets", "1.png"), Duration = 3 }],
        SoundEffects = effects,
        Destination = new BlobRef("renders", "user-1/project-1/video.mp4"),
    };

    private static RenderSoundEffect Effect(double start, double volume = 0.7, double? max = null) =>
        new() { Sound = new BlobRef("catalog", "sfx/knock.wav"), Start = start, Volume = volume, MaxDurationSeconds = max };

    [Fact]
    public void Effects_inside_the_video_within_bounds_pass_and_become_clips_in_order()
    {
        var job = Job(Effect(0), Effect(5.9, 1, 2));

        var request = RenderRequestMapping.Request(job, ["0.png", "1.png"], [], "/tmp/work", null, null, ["a.wav", "b.wav"]);

        Assert.Equal(
            [new Serverless.Media.Rendering.SoundEffectClip("a.wav", 0, 0.7), new Serverless.Media.Rendering.SoundEffectClip("b.wav", 5.9, 1, 2)],
            request.SoundEffects!);
    }

    [Theory]
    [InlineData(-0.1, 0.7, null, "starts at")]
    [InlineData(6.5, 0.7, null, "starts at")]
    [InlineData(double.NaN, 0.7, null, "starts at")]
    [InlineData(1, 1.5, null, "volume")]
    [InlineData(1, double.PositiveInfinity, null, "volume")]
    [InlineData(1, 0.7, 0.0, "may play")]
    [InlineData(1, 0.7, 601.0, "may play")]
    public void An_effect_outside_its_bounds_is_refused_with_the_reason(double start, double volume, double? max, string reason)
    {
        var refused = Assert.Throws<InvalidRenderJobException>(() => RenderRequestMapping.CheckSoundEffects(Job(Effect(1), Effect(start, volume, max))));

        Assert.Contains("Sound effect 1", refused.Message);
        Assert.Contains(reason, refused.Message);
    }

    [Fact]
    public void More_effects_than_the_bound_are_refused()
    {
        var many = Enumerable.Range(0, RenderSoundEffect.MaxCount + 1).Select(i => Effect(i * 0.05)).ToArray();

        RenderRequestMapping.CheckSoundEffects(Job(many[..RenderSoundEffect.MaxCount]));
        var refused = Assert.Throws<InvalidRenderJobException>(() => RenderRequestMapping.CheckSoundEffects(Job(many)));
        Assert.Contains("at most 100", refused.Message);
    }
}
