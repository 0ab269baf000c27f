using Serverless.Media.Footage;
using Serverless.Media.Probing;
using Serverless.Media.Speech;
using Serverless.Testing;

namespace Serverless.Media.Tests.Footage;

/// <summary>The short test footage, made once (cached by recipe) and analysed once for all the footage tests.</summary>
public sealed class ShortFootage : IAsyncLifetime
{
    private readonly string _work = Path.Combine(Path.GetTempPath(), "media-tests", "footage-" + Guid.NewGuid().ToString("N"));

    public MadeFootage Made { get; private set; } = null!;
    public FootageReport Report { get; private set; } = null!;
    public SileroVad Vad { get; } = new(SourceTree.SileroVadModel(), new MediaOptions());
    public static MediaOptions Options { get; } = new();
    public FootageAnalyzer Analyzer { get; } = new(Options, new MediaProbe(Options), new PocketsphinxRecognizer());

    public async Task InitializeAsync()
    {
        Made = await TestFootage.MakeAsync(TestFootage.Short);
        Report = await Analyzer.AnalyzeAsync(new FootageSource(Made.Path, 600, 1L << 30, "en"), Vad, _work, CancellationToken.None);
    }

    public Task DisposeAsync()
    {
        Vad.Dispose();
        if (Directory.Exists(_work))
        {
            Directory.Delete(_work, recursive: true);
        }

        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ShortFootageCollection : ICollectionFixture<ShortFootage>
{
    public const string Name = "short footage";
}
