using CsCheck;
using Serverless.Studio.Speech;

namespace Serverless.Studio.Tests.Speech;

public sealed class SpokenRunTests
{
    [Fact]
    public void Mixed_text_splits_into_Mandarin_and_English_runs()
    {
        var runs = SpokenRun.Split("我爱AeroPress，你呢？");

        Assert.Equal(
            [new(SpokenLanguage.Mandarin, "我爱"), new(SpokenLanguage.English, "AeroPress，"), new(SpokenLanguage.Mandarin, "你呢？")],
            runs);
    }

    [Fact]
    public void Digits_and_trailing_punctuation_stay_with_their_run()
    {
        Assert.Equal([new SpokenRun(SpokenLanguage.Mandarin, "我有3个苹果。")], SpokenRun.Split("我有3个苹果。"));
        Assert.Equal([new SpokenRun(SpokenLanguage.English, "Hello world!")], SpokenRun.Split("Hello world!"));
    }

    [Fact]
    public void Splitting_never_loses_text()
    {
        Gen.String.Sample(text => string.Concat(SpokenRun.Split(text).Select(r => r.Text)) == text);
    }
}
