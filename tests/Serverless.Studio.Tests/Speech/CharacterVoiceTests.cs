using Serverless.Studio.Speech;

namespace Serverless.Studio.Tests.Speech;

public sealed class CharacterVoiceTests
{
    [Fact]
    public void Voice_is_derived_from_a_stable_hash_not_a_per_process_one()
    {
        // Pinned values: string.GetHashCode is randomized per process and would change these on every run.
        Assert.Equal(CharacterVoice.Cast("小明", ["男", "学生"]), CharacterVoice.Cast("小明", ["男", "学生"]));
        Assert.Equal(new CharacterVoice("m5", 46, 160), CharacterVoice.Cast("小明", ["男", "学生"]));
    }

    [Theory]
    [InlineData("女", CharacterGender.Female)]
    [InlineData("female", CharacterGender.Female)]
    [InlineData("雌", CharacterGender.Female)]
    [InlineData("女孩", CharacterGender.Female)]
    [InlineData("男", CharacterGender.Male)]
    [InlineData("Male", CharacterGender.Male)]
    [InlineData("雄", CharacterGender.Male)]
    [InlineData("学生", CharacterGender.Unspecified)]
    public void Gender_is_read_from_attributes(string attribute, CharacterGender expected)
    {
        Assert.Equal(expected, CharacterGenderAttributes.Read(["学生", attribute]));
    }

    [Fact]
    public void Gender_picks_the_variant_family()
    {
        foreach (var name in new[] { "甲", "乙", "丙", "丁", "Mia", "Leo" })
        {
            Assert.StartsWith("f", CharacterVoice.Cast(name, ["女"]).Variant, StringComparison.Ordinal);
            Assert.StartsWith("m", CharacterVoice.Cast(name, ["male"]).Variant, StringComparison.Ordinal);
            Assert.NotEqual(CharacterVoice.Narrator.Variant, CharacterVoice.Cast(name, ["male"]).Variant);
        }
    }

    [Fact]
    public void Null_attributes_from_deserialized_requests_are_ignored()
    {
        Assert.Equal(CharacterVoice.Cast("小明", ["男"]), CharacterVoice.Cast("小明", [null!, "男", " "]));
    }

    [Fact]
    public void Emotions_map_to_prosody()
    {
        Assert.True(EmotionProsody.For("紧张").RateFactor > 1);
        Assert.True(EmotionProsody.For("有点tired").RateFactor < 1);
        Assert.True(EmotionProsody.For("whispering").Whisper);
        Assert.Same(EmotionProsody.Neutral, EmotionProsody.For(null));
        Assert.Same(EmotionProsody.Neutral, EmotionProsody.For("???"));
    }
}
