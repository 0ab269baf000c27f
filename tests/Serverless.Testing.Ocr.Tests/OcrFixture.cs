using System.Diagnostics;

namespace Serverless.Testing.Ocr.Tests;

/// <summary>Loads the models once for every OCR test class and remembers how long that took.</summary>
public sealed class OcrFixture : IDisposable
{
    public OcrFixture()
    {
        var watch = Stopwatch.StartNew();
        Reader = FrameTextReader.Load();
        LoadTime = watch.Elapsed;
    }

    public FrameTextReader Reader { get; }

    public TimeSpan LoadTime { get; }

    public void Dispose() => Reader.Dispose();
}

[CollectionDefinition(Name)]
public sealed class OcrCollection : ICollectionFixture<OcrFixture>
{
    public const string Name = "ocr";
}
