using System.Diagnostics;
using SkiaSharp;

namespace Serverless.Testing.Ocr.Tests;

/// <summary>Loads the models once for every OCR test class and remembers how long that took.</summary>
public sealed class OcrFixture : IDisposable
{
    public OcrFixture()
    {
        var watch = Stopwatch.StartNew();
        Reader = FrameTextReader.Load();
        LoadTime = watch.Elapsed;

        // ONNX Runtime allocates and tunes on its first run; do that here so per-frame timings are steady-state.
        watch.Restart();
        using var blank = new SKBitmap(TestFrames.Width, TestFrames.Height);
        blank.Erase(SKColors.Gray);
        Reader.Read(blank);
        FirstReadTime = watch.Elapsed;
    }

    public FrameTextReader Reader { get; }

    public TimeSpan LoadTime { get; }

    public TimeSpan FirstReadTime { get; }

    public string Timings => $"model load {LoadTime.TotalMilliseconds:F0} ms, first (warm-up) read {FirstReadTime.TotalMilliseconds:F0} ms";

    public void Dispose() => Reader.Dispose();
}

[CollectionDefinition(Name)]
public sealed class OcrCollection : ICollectionFixture<OcrFixture>
{
    public const string Name = "ocr";
}
