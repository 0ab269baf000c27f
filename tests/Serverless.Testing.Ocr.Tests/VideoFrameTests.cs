using System.Diagnostics;
using SkiaSharp;
using Xunit.Abstractions;

namespace Serverless.Testing.Ocr.Tests;

/// <summary>The real path: libass burns an ASS subtitle into an H.264 video, and a decoded frame is read back.</summary>
[Collection(OcrCollection.Name)]
public sealed class VideoFrameTests(OcrFixture ocr, ITestOutputHelper output)
{
    private const string Subtitle = "空气突然安静了下来";

    [Fact]
    public void Reads_an_ass_subtitle_burned_into_an_mp4_by_ffmpeg()
    {
        var directory = Directory.CreateTempSubdirectory("ocr-video-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "subtitle.ass"), AssScript(Subtitle));
            var watch = Stopwatch.StartNew();
            // A moving gradient behind the text, so the frame is not a flat colour; relative paths keep the filter
            // graph free of escaping.
            Ffmpeg.Run(
                directory.FullName,
                "-f", "lavfi", "-i", $"gradients=s={TestFrames.Width}x{TestFrames.Height}:r=25:d=2:speed=0.05",
                "-vf", "subtitles=subtitle.ass:fontsdir=/usr/share/fonts/opentype/noto",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "video.mp4");
            Ffmpeg.Run(directory.FullName, "-ss", "1", "-i", "video.mp4", "-frames:v", "1", "frame.png");
            output.WriteLine($"ffmpeg render + frame extraction {watch.Elapsed.TotalMilliseconds:F0} ms");

            using var frame = SKBitmap.Decode(Path.Combine(directory.FullName, "frame.png"));
            Assert.Equal(TestFrames.Width, frame.Width);
            Assert.Equal(TestFrames.Height, frame.Height);

            watch.Restart();
            var lines = ocr.Reader.Read(frame);
            output.WriteLine($"{ocr.Timings}; read decoded frame {watch.Elapsed.TotalMilliseconds:F0} ms");
            foreach (var line in lines)
            {
                output.WriteLine($"  '{line.Text}' at {line.Box} confidence {line.Confidence:F3}");
            }

            var read = string.Join('\n', lines.Select(l => l.Text));
            var cer = TextSimilarity.CharacterErrorRate(Subtitle, read);
            output.WriteLine($"expected '{Subtitle}', CER {cer:P1}");
            Assert.True(cer < 0.15, $"Read '{read}' for '{Subtitle}' (CER {cer:P1}).");
            Assert.True(TestFrames.BottomBand.Contains(Assert.Single(lines).Box));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    // Bottom-centre, white on a black outline, sized for a 1080x1920 canvas: the house subtitle style.
    private static string AssScript(string text) => $"""
        [Script Info]
        ScriptType: v4.00+
        PlayResX: {TestFrames.Width}
        PlayResY: {TestFrames.Height}
        WrapStyle: 0
        ScaledBorderAndShadow: yes

        [V4+ Styles]
        Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
        Style: Default,{TestFrames.CjkFamily},64,&H00FFFFFF,&H000000FF,&H00000000,&H80000000,0,0,0,0,100,100,0,0,1,4,1,2,40,40,220,1

        [Events]
        Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text
        Dialogue: 0,0:00:00.00,0:00:02.00,Default,,0,0,0,,{text}

        """;
}
