using System.Diagnostics;
using SkiaSharp;
using Xunit.Abstractions;

namespace Serverless.Testing.Ocr.Tests;

/// <summary>Storyboard frames draw dialogue as dark text in a white bubble rather than as an outlined subtitle.</summary>
[Collection(OcrCollection.Name)]
public sealed class SpeechBubbleTests(OcrFixture ocr, ITestOutputHelper output)
{
    [Fact]
    public void Reads_two_lines_of_dark_text_in_a_speech_bubble_in_order()
    {
        using var frame = TestFrames.Busy(21);
        var bubble = new SKRectI(140, 500, 940, 800);
        DrawBubble(frame, bubble, ["你到底去哪儿了？", "我等了你一整天"]);

        var watch = Stopwatch.StartNew();
        var lines = ocr.Reader.Read(frame, bubble);
        output.WriteLine($"{ocr.Timings}; read bubble region {watch.Elapsed.TotalMilliseconds:F0} ms");
        foreach (var line in lines)
        {
            output.WriteLine($"  '{line.Text}' at {line.Box} confidence {line.Confidence:F3}");
        }

        Assert.Equal(2, lines.Count);
        Assert.True(TextSimilarity.CharacterErrorRate("你到底去哪儿了？", lines[0].Text) < 0.10, lines[0].Text);
        Assert.True(TextSimilarity.CharacterErrorRate("我等了你一整天", lines[1].Text) < 0.10, lines[1].Text);
        Assert.All(lines, l => Assert.True(bubble.Contains(l.Box), $"{l.Box} outside the bubble {bubble}"));
    }

    [Fact]
    public void Misdrawn_text_is_caught_rather_than_read_as_what_was_intended()
    {
        using var frame = TestFrames.Busy(22);
        DrawBubble(frame, new SKRectI(140, 500, 940, 700), ["我讨厌你"]);

        var read = ocr.Reader.ReadAll(frame);
        var cer = TextSimilarity.CharacterErrorRate("我喜欢你", read);
        output.WriteLine($"read '{read}'; CER against the intended '我喜欢你' {cer:P1}");

        Assert.True(cer >= 0.5, $"Read '{read}', which should differ from the intended text.");
    }

    [Fact]
    public void Concurrent_reads_of_different_frames_return_each_frames_own_text()
    {
        string[] texts = ["第一句台词", "第二句台词", "第三句台词", "Fourth line here"];
        var frames = texts.Select((text, i) =>
        {
            var frame = TestFrames.Busy(30 + i);
            TestFrames.DrawSubtitle(frame, text);
            return frame;
        }).ToArray();
        try
        {
            var watch = Stopwatch.StartNew();
            var results = new string[frames.Length];
            Parallel.For(0, frames.Length, i => results[i] = ocr.Reader.ReadAll(frames[i], TestFrames.BottomBand));
            output.WriteLine($"{frames.Length} bottom bands in parallel: {watch.Elapsed.TotalMilliseconds:F0} ms; {string.Join(" | ", results)}");

            for (var i = 0; i < texts.Length; i++)
            {
                Assert.True(TextSimilarity.CharacterErrorRate(texts[i], results[i]) < 0.10, $"{texts[i]} read as {results[i]}");
            }
        }
        finally
        {
            foreach (var frame in frames)
            {
                frame.Dispose();
            }
        }
    }

    private static void DrawBubble(SKBitmap frame, SKRectI bubble, IReadOnlyList<string> lines)
    {
        using var canvas = new SKCanvas(frame);
        using var fill = new SKPaint { IsAntialias = true, Color = SKColors.White };
        using var border = new SKPaint { IsAntialias = true, Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = 4 };
        canvas.DrawRoundRect(bubble, 40, 40, fill);
        canvas.DrawRoundRect(bubble, 40, 40, border);
        using var typeface = SKTypeface.FromFamilyName(TestFrames.CjkFamily);
        using var font = new SKFont(typeface, 52);
        using var ink = new SKPaint { IsAntialias = true, Color = new SKColor(0x22, 0x22, 0x22) };
        var lineHeight = font.Size * 1.4f;
        var top = bubble.MidY - lineHeight * lines.Count / 2 + font.Size;
        for (var i = 0; i < lines.Count; i++)
        {
            canvas.DrawText(lines[i], bubble.MidX, top + i * lineHeight, SKTextAlign.Center, font, ink);
        }
    }
}
