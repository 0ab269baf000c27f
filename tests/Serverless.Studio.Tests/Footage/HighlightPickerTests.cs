using CsCheck;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Footage;
using Serverless.Studio.Footage;

namespace Serverless.Studio.Tests.Footage;

public sealed class HighlightPickerTests
{
    private const double Margin = 0.08;
    private static readonly HighlightPicker Picker = new(Options.Create(new HighlightOptions()));

    private static readonly string[] Filler =
    [
        "we spent the morning walking around the old part of town",
        "the weather was grey but nobody really minded it at all",
        "after lunch we sat by the river and watched the boats go by",
        "there is a small bakery on the corner that opens very early",
        "my friend told me a long story about her first apartment",
        "later that evening the streets filled with people and music",
    ];

    [Fact]
    public void Every_cut_falls_in_a_silence_with_no_speech_or_word_within_the_margin()
    {
        Gen.Int[0, 5].Array[12, 40].Select(Gen.Double[0.2, 2.0].Array[40], Gen.Int[0, 6].Array[40])
            .Sample((sentences, pauses, breaths) =>
            {
                var fixture = new FootageFixture();
                for (var i = 0; i < sentences.Length; i++)
                {
                    fixture.Say(Filler[sentences[i]], pauses[i], breath: breaths[i] == 0 ? null : breaths[i]);
                }

                var analysis = fixture.Analysis();
                var (spans, _, _) = Picker.Candidates(analysis, new HighlightRequest());
                foreach (var span in spans)
                {
                    AssertInSilence(analysis, span.Start);
                    AssertInSilence(analysis, span.End);
                    Assert.InRange(span.Seconds, 15, 60);
                }
            }, iter: 60);
    }

    [Fact]
    public void A_breath_inside_a_detected_region_is_never_a_cut()
    {
        var fixture = new FootageFixture();
        for (var i = 0; i < 12; i++)
        {
            // 0.2 s after the third word: longer than the sentence pause the words alone would show, but the detector hears speech.
            fixture.Say(Filler[i % Filler.Length], breath: 3);
        }

        var analysis = fixture.Analysis();
        var breaths = fixture.Words.Where((w, i) => i > 0 && w.Start - fixture.Words[i - 1].End > 0.15 && w.Start - fixture.Words[i - 1].End < 0.3)
            .Select(w => w.Start).ToList();
        Assert.NotEmpty(breaths);
        var (spans, units, _) = Picker.Candidates(analysis, new HighlightRequest());
        Assert.Equal(HighlightUnits.Sentences, units);
        Assert.NotEmpty(spans);
        Assert.DoesNotContain(spans, s => breaths.Any(b => Math.Abs(s.Start - b) < 0.3 || Math.Abs(s.End - b) < 0.3));
        // Whole sentences: every span begins where one of them does.
        Assert.All(spans, s => Assert.Contains(Filler, line => s.Text.StartsWith(line, StringComparison.Ordinal)));
    }

    [Fact]
    public void The_span_that_names_the_product_and_its_price_and_answers_a_question_ranks_first()
    {
        var fixture = new FootageFixture();
        foreach (var line in Filler.Concat(Filler))
        {
            fixture.Say(line);
        }

        fixture.Say("so how long does the battery last")
            .Say("the new camera battery lasts two full days on one charge")
            .Say("and the price is only forty nine dollars with free shipping")
            .Say("the quality of the screen is the best we have seen")
            .Say("order it today while the limited stock lasts");
        foreach (var line in Filler)
        {
            fixture.Say(line);
        }

        var pick = Picker.Pick(fixture.Analysis(), new HighlightRequest(Count: 3));
        Assert.Equal(3, pick.Highlights.Count);
        var best = pick.Highlights[0];
        Assert.Equal("hl_1", best.Id);
        Assert.Contains("forty nine dollars", best.Text, StringComparison.Ordinal);
        Assert.Contains("how long does the battery last", best.Text, StringComparison.Ordinal);
        Assert.Contains("names a price (\"only forty nine dollars\")", best.Reason, StringComparison.Ordinal);
        Assert.True(best.Score > pick.Highlights[1].Score, $"{best.Score} against {pick.Highlights[1].Score}");
        AssertNoOverlap(pick.Highlights);
    }

    [Fact]
    public void Count_target_length_and_keywords_are_honoured()
    {
        var fixture = new FootageFixture();
        for (var i = 0; i < 40; i++)
        {
            fixture.Say(Filler[i % Filler.Length]);
        }

        var analysis = fixture.Analysis();
        var four = Picker.Pick(analysis, new HighlightRequest(Count: 4));
        Assert.Equal(4, four.Highlights.Count);
        AssertNoOverlap(four.Highlights);

        var near20 = Picker.Pick(analysis, new HighlightRequest(Count: 3, TargetSeconds: 20));
        Assert.Equal(3, near20.Highlights.Count);
        Assert.All(near20.Highlights, h => Assert.InRange(h.Seconds, 16, 24));

        var bakery = Picker.Pick(analysis, new HighlightRequest(Count: 10, Keywords: ["Bakery"]));
        Assert.NotEmpty(bakery.Highlights);
        Assert.All(bakery.Highlights, h => Assert.Contains("bakery", h.Text, StringComparison.Ordinal));
        Assert.All(bakery.Highlights, h => Assert.Contains("mentions bakery", h.Reason, StringComparison.Ordinal));

        Assert.Empty(Picker.Pick(analysis, new HighlightRequest(Keywords: ["submarine"])).Highlights);
    }

    [Fact]
    public void Without_words_the_speech_regions_are_the_units_and_the_answer_says_so()
    {
        var fixture = new FootageFixture();
        for (var i = 0; i < 20; i++)
        {
            fixture.Say(Filler[i % Filler.Length], pauseBefore: 0.5 + (i % 3 * 0.4));
        }

        var analysis = fixture.Analysis(withWords: false, language: "zh");
        var pick = Picker.Pick(analysis, new HighlightRequest(Count: 3, Keywords: ["bakery"]));
        Assert.Equal(HighlightUnits.SpeechRegions, pick.Units);
        Assert.Contains("speech regions", pick.Note, StringComparison.Ordinal);
        Assert.Contains("Keywords need words", pick.Note, StringComparison.Ordinal);
        Assert.Equal(3, pick.Highlights.Count);
        Assert.All(pick.Highlights, h =>
        {
            Assert.Equal("", h.Text);
            AssertInSilence(analysis, h.Start);
            AssertInSilence(analysis, h.End);
            // Whole regions: each cut lies between two regions, never inside one.
            Assert.DoesNotContain(fixture.Regions, r => r.Start < h.Start && h.Start < r.End);
        });
    }

    [Fact]
    public void Speech_from_the_first_instant_leaves_no_cut_before_it()
    {
        var fixture = new FootageFixture();
        fixture.Say(Filler[0], pauseBefore: -0.98);
        for (var i = 1; i < 10; i++)
        {
            fixture.Say(Filler[i % Filler.Length]);
        }

        var analysis = fixture.Analysis();
        Assert.True(analysis.SpeechRegions[0].Start < Margin);
        var (spans, _, _) = Picker.Candidates(analysis, new HighlightRequest());
        Assert.NotEmpty(spans);
        Assert.DoesNotContain(spans, s => s.Start < analysis.SpeechRegions[0].End);
    }

    private static void AssertInSilence(FootageAnalysis analysis, double cut)
    {
        Assert.DoesNotContain(analysis.SpeechRegions, r => cut > r.Start - Margin + 1e-9 && cut < r.End + Margin - 1e-9);
        Assert.DoesNotContain(analysis.Transcript.Words, w => cut > w.Start - Margin + 1e-9 && cut < w.End + Margin - 1e-9);
    }

    private static void AssertNoOverlap(IReadOnlyList<Highlight> highlights)
    {
        var ordered = highlights.OrderBy(h => h.Start).ToList();
        for (var i = 1; i < ordered.Count; i++)
        {
            Assert.True(ordered[i].Start >= ordered[i - 1].End, $"{ordered[i - 1]} overlaps {ordered[i]}");
        }
    }
}
