namespace Serverless.Testing.Ocr.Tests;

public sealed class TextSimilarityTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    [InlineData("我喜欢你", "我喜欢你", 0)]
    [InlineData("我喜欢你", "我讨厌你", 2)]
    public void Edit_distance_counts_insertions_deletions_and_substitutions(string a, string b, int expected)
    {
        Assert.Equal(expected, TextSimilarity.EditDistance(a, b));
        Assert.Equal(expected, TextSimilarity.EditDistance(b, a));
    }

    [Fact]
    public void Full_width_punctuation_and_spacing_do_not_count_as_errors()
    {
        Assert.Equal(0, TextSimilarity.CharacterErrorRate("我喜欢你很久了！", "我喜欢你很久了!"));
        Assert.Equal(0, TextSimilarity.CharacterErrorRate("Order  today", " Order today\n"));
    }

    [Fact]
    public void Error_rate_is_relative_to_the_expected_length()
    {
        Assert.Equal(0.25, TextSimilarity.CharacterErrorRate("我喜欢你", "我喜欢"));
        Assert.Equal(1.0, TextSimilarity.CharacterErrorRate("我喜欢你", string.Empty));
        Assert.Equal(0.0, TextSimilarity.CharacterErrorRate(string.Empty, string.Empty));
    }
}
