using Serverless.Captions;
using Serverless.Contracts.Rendering;

namespace Serverless.Studio.Tests.Subtitles;

public sealed class CaptionWordsTests
{
    [Theory]
    [InlineData("Fast and good? Watch this.", new[] { "Fast", "and", "good?", "Watch", "this." })]
    [InlineData("I can't believe \"well-made\" (really) works", new[] { "I", "can't", "believe", "\"well-made\"", "(really)", "works" })]
    [InlineData("你好,我想跟你说一件事。", new[] { "你好,", "我想", "跟你", "说一", "件事。" })]
    [InlineData("我爱AeroPress X!", new[] { "我爱", "AeroPress", "X!" })]
    [InlineData("「什么事?」", new[] { "「什么", "事?」" })]
    public void Lines_are_cut_into_words_and_groups_of_hanzi_with_their_punctuation(string text, string[] units)
    {
        Assert.Equal(units, CaptionWords.Units(text));
    }

    [Fact]
    public void Spread_words_are_split_between_voiced_regions_where_the_lengths_fit_and_shared_by_weight_inside_each()
    {
        // Two voiced regions of one second each, a pause between; weights 2, 2, 1: "一二" alone fits the first region best.
        var words = CaptionWords.Spread("一二三四五", [(1.0, 2.0), (3.0, 4.0)]);

        Assert.Equal(["一二", "三四", "五"], words.Select(w => w.Text));
        Assert.True(CaptionWords.AreInside(words, 1.0, 4.0), string.Join(", ", words));
        Assert.Equal((1.0, 2.0), (words[0].Start, words[0].End));
        Assert.Equal((3.0, 3.667), (words[1].Start, words[1].End));
        Assert.Equal((3.667, 4.0), (words[2].Start, words[2].End));
    }

    [Fact]
    public void With_fewer_words_than_regions_no_word_starts_in_a_pause()
    {
        var words = CaptionWords.Spread("一二三", [(1.0, 2.0), (3.0, 3.5), (5.0, 5.5)]);

        // Weights 2 and 1 over two voiced seconds laid end to end: "三" starts where the voice resumes, not in the pause.
        Assert.Equal((1.0, 3.333), (words[0].Start, words[0].End));
        Assert.Equal((3.333, 5.5), (words[1].Start, words[1].End));
    }

    [Theory]
    [InlineData("rushed", "rush")]
    [InlineData("extraordinary", "cat")]
    [InlineData("seconds,", "seconds")]
    [InlineData("你好", "你")]
    public void Longer_words_weigh_more(string longer, string shorter)
    {
        Assert.True(CaptionWords.Weight(longer) > CaptionWords.Weight(shorter), $"{longer} {CaptionWords.Weight(longer)} vs {shorter} {CaptionWords.Weight(shorter)}");
    }

    [Theory]
    [InlineData("taste", "tast")]
    [InlineData("rushed", "rusht")]
    [InlineData("makes", "maks")]
    public void A_silent_ending_is_not_a_syllable(string written, string said)
    {
        Assert.Equal(CaptionWords.Weight(said), CaptionWords.Weight(written), 3);
    }

    [Fact]
    public void A_voiced_region_boundary_starts_the_next_word_in_the_next_region()
    {
        var words = CaptionWords.Spread("cat dog", [(0.0, 1.0), (2.0, 3.0)]);

        Assert.Equal((0.0, 1.0), (words[0].Start, words[0].End));
        Assert.Equal((2.0, 3.0), (words[1].Start, words[1].End));
    }

    [Fact]
    public void Moved_words_stay_inside_their_cue_in_order_and_rescaled_ones_keep_their_proportions()
    {
        IReadOnlyList<CueWord> words = [new("a", 1.0, 1.5), new("b", 1.5, 3.0)];

        var shifted = CaptionWords.Shift(words, -0.8, 0.5, 2.0);
        Assert.Equal([new CueWord("a", 0.5, 0.7), new CueWord("b", 0.7, 2.0)], shifted);

        var stretched = CaptionWords.Rescale(words, 1.0, 3.0, 10.0, 14.0);
        Assert.Equal([new CueWord("a", 10.0, 11.0), new CueWord("b", 11.0, 14.0)], stretched);
    }

    [Fact]
    public void Words_out_of_order_or_outside_the_cue_are_told_apart()
    {
        Assert.True(CaptionWords.AreInside([new("a", 1, 2), new("b", 2, 3)], 1, 3));
        Assert.False(CaptionWords.AreInside([new("a", 1, 2), new("b", 1.5, 3)], 1, 3));
        Assert.False(CaptionWords.AreInside([new("a", 0.5, 2)], 1, 3));
        Assert.False(CaptionWords.AreInside([new("a", 1, 3.5)], 1, 3));
    }
}
