using Serverless.Media.Graph;
using Serverless.Media.Rendering;
using Serverless.Media.Subtitles;
using Serverless.Media.Tests.Fixtures;
using Serverless.Media.Timeline;

namespace Serverless.Media.Tests.Graph;

public sealed class RenderGraphTests
{
    private static readonly string[] Images = ["0.png", "1.png", "2.png"];

    [Fact]
    public void Only_transition_frames_are_blended_and_every_piece_is_concatenated_in_order()
    {
        var job = SampleRequests.Small(Images, "v.wav", 2);
        var graph = RenderGraph.Build(job, RenderTimeline.Plan(job.Shots, 30), "subtitles.ass", "/usr/share/fonts/opentype/noto").Script;

        // The head's opacity rises a fifteenth a frame, each step half a frame ahead of its frame.
        Assert.Contains("[s1h]sendcmd=c='0.016667 blend@x1 all_opacity 0.066667;0.05 blend@x1 all_opacity 0.133333;", graph);
        Assert.Contains(";0.45 blend@x1 all_opacity 0.933333'[x1_head];", graph);
        Assert.Contains("[x1_head][s0t]blend@x1=all_mode=normal:all_opacity=0:shortest=1[x1]", graph);
        Assert.DoesNotContain("yuva420p", graph);
        Assert.Contains("[s1t][s2h]xfade=transition=wipeleft:duration=0.5:offset=0[x2]", graph);
        Assert.Contains("[s0b][x1][s1b][x2][s2b]concat=n=5:v=1:a=0", graph);
        Assert.Equal(1, CountOf(graph, "xfade="));
        Assert.Equal(3, CountOf(graph, "format=yuv420p"));
        Assert.Equal(1, CountOf(graph, "zoompan="));

        // Shot 1's clip follows shot 0's 75 frames in the stream of clips; its head is its first 15 frames.
        Assert.Contains("[s1h_in]trim=start_frame=75:end_frame=90,", graph);
        Assert.Contains("[s1b_in]trim=start_frame=90:end_frame=135,", graph);
        Assert.Contains("[s1t_in]trim=start_frame=135:end_frame=150,", graph);
    }

    [Fact]
    public void Zoom_makes_exactly_the_clip_frames_from_one_still()
    {
        var job = SampleRequests.Small(Images, null, 0);
        var graph = RenderGraph.Build(job, RenderTimeline.Plan(job.Shots, 30), null, "/fonts").Script;

        // Shot 0 is 60 frames plus the 15 it stays on under shot 1's fade; shot 2 has no tail.
        Assert.Contains("zoompan=z='(1+0.2*frame/74)*eq(in,0)+1.2*eq(in,1)+(1.2-0.2*frame/59)*eq(in,2)'", graph);
        Assert.Contains(":d='75*eq(in,0)+75*eq(in,1)+60*eq(in,2)':s=360x640:fps=30", graph);
        Assert.DoesNotContain("subtitles=", graph);
    }

    [Fact]
    public void Nothing_the_user_wrote_reaches_the_filter_graph()
    {
        var job = SampleRequests.Small(Images, "v.wav", 2) with
        {
            Subtitles = [new SubtitleCue(0, 1, "evil',drawtext=text='x':[vout];\\ 今天", "name'[x]")],
        };

        var graph = RenderGraph.Build(job, RenderTimeline.Plan(job.Shots, 30), "subtitles.ass", "/fonts").Script;

        Assert.DoesNotContain("evil", graph);
        Assert.DoesNotContain("drawtext", graph);
        Assert.DoesNotContain("今天", graph);
    }

    [Fact]
    public void A_fonts_folder_with_filter_syntax_is_refused()
    {
        var job = SampleRequests.Small(Images, null, 0);

        Assert.Throws<ArgumentException>(() => RenderGraph.Build(job, RenderTimeline.Plan(job.Shots, 30), "subtitles.ass", "/fonts:x=1"));
    }

    [Fact]
    public void Voices_are_delayed_to_their_start_and_mixed_to_the_video_length()
    {
        var job = SampleRequests.Small(Images, "v.wav", 1.5) with
        {
            Voices = [new VoiceClip("1.wav", 0.3, 1.5), new VoiceClip("2.wav", 2.25, 1)],
        };

        var graph = RenderGraph.Build(job, RenderTimeline.Plan(job.Shots, 30), null, "/fonts").Script;

        Assert.Contains("[3:a]atrim=duration=1.5,", graph);
        Assert.Contains("adelay=delays=300:all=1[voice0]", graph);
        Assert.Contains("[4:a]atrim=duration=1,", graph);
        Assert.Contains("adelay=delays=2250:all=1[voice1]", graph);
        Assert.Contains("amix=inputs=2:normalize=0", graph);
        Assert.Contains("apad=whole_dur=6,atrim=duration=6[aout]", graph);
    }

    [Fact]
    public void A_voices_levelling_gain_is_applied_to_it_before_the_mix()
    {
        var job = SampleRequests.Small(Images, "v.wav", 1.5) with
        {
            Voices = [new VoiceClip("1.wav", 0.3, 1.5, GainDb: 4.25), new VoiceClip("2.wav", 2.25, 1)],
        };

        var graph = RenderGraph.Build(job, RenderTimeline.Plan(job.Shots, 30), null, "/fonts").Script;

        Assert.Contains("[3:a]atrim=duration=1.5,asetpts=PTS-STARTPTS,volume=4.25dB,", graph);
        Assert.Contains("[4:a]atrim=duration=1,asetpts=PTS-STARTPTS,aformat=", graph);
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
