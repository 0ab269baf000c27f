using Serverless.Captions;
using Serverless.Media.Footage;
using Serverless.Media.Graph;
using Serverless.Media.Speech;

namespace Serverless.Media.Tests.Footage;

/// <summary>The framing and caption plans on motion and words the tests lay out themselves.</summary>
public sealed class ClipFramingTests
{
    private static readonly FrameSize Vertical = new(720, 1280);

    [Fact]
    public void The_window_follows_a_subject_crossing_the_frame_at_a_pan_not_a_jump()
    {
        // A subject at 10% of the width for 4 s, then at 90%: the window moves over, at most 12% of the width a second.
        var differences = Enumerable.Range(1, 40).Select(i => (i / 5.0, 0.1, Columns(i / 5.0 < 4 ? 0.1 : 0.9)));
        var framing = ClipFraming.Plan(differences, 8, 1280, 720, Vertical);

        Assert.Equal(ClipFramingKind.Crop, framing.Kind);
        Assert.Equal(8, framing.Centres.Count);
        var half = (720.0 * 720 / 1280) / 1280 / 2;
        Assert.Equal(half, framing.Centres[0], 3);
        Assert.True(framing.Centres[^1] > 0.6, $"the window ends at {framing.Centres[^1]}");
        Assert.All(framing.Centres.Zip(framing.Centres.Skip(1)), p => Assert.True(p.Second - p.First <= ClipFraming.MaxPanPerSecond + 1e-9));
    }

    [Fact]
    public void Action_wider_than_the_window_or_a_wider_output_gets_the_whole_picture_over_a_blurred_fill()
    {
        var spread = Enumerable.Range(1, 20).Select(i => (i / 5.0, 0.1, Enumerable.Repeat(0.1f, 64).ToArray()));
        Assert.Equal(ClipFramingKind.Letterbox, ClipFraming.Plan(spread, 4, 1280, 720, Vertical).Kind);
        Assert.Equal(ClipFramingKind.Letterbox, ClipFraming.Plan([], 4, 720, 1280, new FrameSize(1920, 1080)).Kind);
        Assert.Equal(ClipFramingKind.Scale, ClipFraming.Plan([], 4, 1920, 1080, new FrameSize(1280, 720)).Kind);
    }

    [Fact]
    public void Captions_turn_over_at_pauses_and_after_six_words_on_the_clips_timeline()
    {
        var words = new[] { "one", "two", "three", "four", "five", "six", "seven" }
            .Select((w, i) => new CueWord(w, 10 + (i * 0.3), 10.25 + (i * 0.3)))
            .Append(new CueWord("later", 13.5, 13.9))
            .Append(new CueWord("outside", 30, 30.5))
            .ToList();

        var cues = ClipCaptions.Cues(words, 9.5, 20, at: 1.6);

        Assert.Equal(["one two three four five six", "seven", "later"], cues.Select(c => c.Text));
        Assert.Equal(1.6 + 0.5, cues[0].Start, 3);
        Assert.All(cues, c => Assert.True(c.Words!.All(w => w.Start >= c.Start && w.End <= c.End)));
    }

    [Fact]
    public void Pocketsphinx_listings_become_words_at_recording_seconds_and_speech_is_grouped_into_stretches()
    {
        const string listing = "this blender\n<s> 0.000 0.120 1.000\nthis 0.130 0.400 0.9\n<sil> 0.41 0.5 1\nblender(2) 0.510 0.900 0.8\n[NOISE] 0.9 1.0 1\n";
        var words = PocketsphinxRecognizer.Parse(listing, 100);
        Assert.Equal([new CueWord("this", 100.13, 100.4), new CueWord("blender", 100.51, 100.9)], words);

        var stretches = PocketsphinxRecognizer.Stretches([new(0, 10), new(12, 25), new(26, 40), new(41, 90)]);
        Assert.Equal([(0.0, 25.0), (26.0, 40.0), (41.0, 90.0)], stretches);
    }

    /// <summary>64 columns with all the change in the column at <paramref name="at"/> of the width.</summary>
    private static float[] Columns(double at)
    {
        var columns = new float[64];
        columns[(int)(at * 63)] = 1;
        return columns;
    }
}
