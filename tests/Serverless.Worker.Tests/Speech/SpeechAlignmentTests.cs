using Serverless.Captions;
using Serverless.Contracts.Rendering;
using Serverless.Media.Rendering;
using Serverless.Media.Speech;
using Serverless.Media.Subtitles;
using SubtitleCue = Serverless.Media.Subtitles.SubtitleCue;

namespace Serverless.Worker.Tests.Speech;

public sealed class SpeechAlignmentTests
{
    private const string Clip = "v.wav";

    [Fact]
    public void Silence_around_the_speech_is_cut_and_the_cue_spans_the_speech_from_the_planned_start()
    {
        var (voices, cues) = SpeechAlignment.Align(
            [new VoiceClip(Clip, 2.0, 4.0)],
            [new SubtitleCue(2.0, 6.0, "line")],
            [[new SpeechSegment(1.0, 2.0), new SpeechSegment(2.2, 3.5)]]);

        Assert.Equal(new VoiceClip(Clip, 2.0, 2.5, ClipOffset: 1.0), voices[0]);
        Assert.Equal(2.0, cues[0].Start, 6);
        Assert.Equal(4.5, cues[0].End, 6);
    }

    [Fact]
    public void A_clip_without_detected_speech_stays_as_planned()
    {
        var voice = new VoiceClip(Clip, 1.0, 3.0);
        var cue = new SubtitleCue(1.0, 4.0, "line");

        var (voices, cues) = SpeechAlignment.Align([voice], [cue], [[]]);

        Assert.Equal(voice, voices[0]);
        Assert.Equal(cue, cues[0]);
    }

    [Fact]
    public void A_short_line_keeps_a_readable_cue_but_never_runs_into_the_next_one()
    {
        var (_, cues) = SpeechAlignment.Align(
            [new VoiceClip(Clip, 0.0, 2.0), new VoiceClip(Clip, 0.8, 2.0)],
            [new SubtitleCue(0.0, 2.0, "a"), new SubtitleCue(0.8, 2.8, "b")],
            [[new SpeechSegment(0.5, 0.8)], [new SpeechSegment(0.2, 1.9)]]);

        Assert.Equal(0.8, cues[0].End, 6);
        Assert.Equal((0.8, 2.5), (cues[1].Start, Math.Round(cues[1].End, 6)));
    }

    [Fact]
    public void Cues_that_belong_to_no_voice_are_left_alone()
    {
        var narration = new SubtitleCue(10.0, 12.0, "caption");

        var (_, cues) = SpeechAlignment.Align([new VoiceClip(Clip, 0.0, 2.0)], [narration], [[new SpeechSegment(0.5, 1.0)]]);

        Assert.Equal(narration, cues[0]);
    }

    [Fact]
    public void Words_the_voice_reported_move_with_the_trimmed_silence()
    {
        // Planned at 2.0 with the clip from its start: "hello" is said 1.0 s into the clip, "there" 1.6 s in.
        var cue = new SubtitleCue(2.0, 6.0, "hello there", null, [new("hello", 3.0, 3.5), new("there", 3.6, 4.0)]);

        var (_, cues) = SpeechAlignment.Align([new VoiceClip(Clip, 2.0, 4.0)], [cue], [[new SpeechSegment(1.0, 2.1)]]);

        // The clip now plays from 1.0 s in, so each word is heard a second earlier on the timeline.
        Assert.Equal([new CueWord("hello", 2.0, 2.5), new CueWord("there", 2.6, 3.0)], cues[0].Words);
    }

    [Fact]
    public void A_line_without_word_times_is_shared_out_over_the_voiced_regions_inside_it()
    {
        var cue = new SubtitleCue(0.0, 4.0, "一二，三");

        // Speech from 0.5 s to 1.5 s and from 2.0 s to 2.5 s of the clip, a pause between.
        var (_, cues) = SpeechAlignment.Align([new VoiceClip(Clip, 0.0, 4.0)], [cue], [[new SpeechSegment(0.5, 1.5), new SpeechSegment(2.0, 2.5)]]);

        // Trimmed to start at 0.5 s: the first region is [0, 1], the second [1.5, 2]; "一二，" fills the first, "三" the second.
        Assert.Equal([new CueWord("一二，", 0.0, 1.0), new CueWord("三", 1.5, 2.0)], cues[0].Words);
    }
}
