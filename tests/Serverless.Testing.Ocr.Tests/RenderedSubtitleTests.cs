using System.Diagnostics;
using SkiaSharp;
using Xunit.Abstractions;

namespace Serverless.Testing.Ocr.Tests;

[Collection(OcrCollection.Name)]
public sealed class RenderedSubtitleTests(OcrFixture ocr, ITestOutputHelper output)
{
    [Theory]
    [InlineData("我喜欢你很久了！", 1)]
    [InlineData("以后每天都一起回家吧。", 2)]
    [InlineData("Order today and get free shipping", 3)]
    [InlineData("明天见，Mia！See you tomorrow.", 4)]
    public void Reads_a_burned_in_subtitle_back_from_a_png_frame(string subtitle, int seed)
    {
        using (var frame = TestFrames.Busy(seed))
        {
            TestFrames.DrawSubtitle(frame, subtitle);
            var path = TestFrames.SavePng(frame, $"subtitle-{seed}");

            var watch = Stopwatch.StartNew();
            var lines = ocr.Reader.Read(path);
            var elapsed = watch.Elapsed;

            var read = string.Join('\n', lines.Select(l => l.Text));
            var cer = TextSimilarity.CharacterErrorRate(subtitle, read);
            output.WriteLine($"{ocr.Timings}; read 1080x1920 PNG {elapsed.TotalMilliseconds:F0} ms");
            foreach (var line in lines)
            {
                output.WriteLine($"  '{line.Text}' at {line.Box} confidence {line.Confidence:F3}");
            }

            output.WriteLine($"expected '{subtitle}', CER {cer:P1}");
            Assert.True(cer < 0.10, $"Read '{read}' for '{subtitle}' (CER {cer:P1}).");
            var box = Assert.Single(lines).Box;
            Assert.True(TestFrames.BottomBand.Contains(box), $"Subtitle box {box} should lie in the bottom band.");
        }
    }

    [Fact]
    public void Reading_only_the_bottom_band_finds_the_subtitle_and_ignores_text_above()
    {
        using var frame = TestFrames.Busy(5);
        TestFrames.DrawSubtitle(frame, "片头标题", size: 90, baseline: 300);
        TestFrames.DrawSubtitle(frame, "我们终于到了", size: 60);

        var watch = Stopwatch.StartNew();
        var band = ocr.Reader.ReadAll(frame, TestFrames.BottomBand);
        output.WriteLine($"read bottom band in {watch.Elapsed.TotalMilliseconds:F0} ms: '{band}'");
        var all = ocr.Reader.Read(frame);
        output.WriteLine($"whole frame: {string.Join(" | ", all.Select(l => l.Text))}");

        Assert.True(TextSimilarity.CharacterErrorRate("我们终于到了", band) < 0.10, band);
        Assert.Equal(2, all.Count);
        Assert.True(TextSimilarity.CharacterErrorRate("片头标题", all[0].Text) < 0.10, all[0].Text);
        Assert.True(TextSimilarity.CharacterErrorRate("我们终于到了", all[1].Text) < 0.10, all[1].Text);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(12)]
    public void A_busy_frame_without_text_reads_as_empty(int seed)
    {
        using var frame = TestFrames.Busy(seed);

        var lines = ocr.Reader.Read(frame);

        foreach (var line in lines)
        {
            output.WriteLine($"  unexpected '{line.Text}' at {line.Box} confidence {line.Confidence:F3}");
        }

        Assert.Empty(lines);
        Assert.Equal(string.Empty, ocr.Reader.ReadAll(frame));
    }

    [Fact]
    public void A_black_frame_reads_as_empty()
    {
        using var frame = new SKBitmap(TestFrames.Width, TestFrames.Height);
        frame.Erase(SKColors.Black);

        Assert.Empty(ocr.Reader.Read(frame));
    }

    [Fact]
    public void An_empty_region_reads_nothing()
    {
        using var frame = TestFrames.Busy(6);
        TestFrames.DrawSubtitle(frame, "你好");

        Assert.Empty(ocr.Reader.Read(frame, new SKRectI(2000, 2000, 2100, 2100)));
    }
}
