using System.Text.Json;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.Media.Probing;
using Serverless.Media.Tests.Fixtures;
using Serverless.Worker.Transport;

namespace Serverless.Media.Tests.Worker;

/// <summary>The worker host on a footage queue against Azurite: an analysis and a clip of a small talk, and a refused upload.</summary>
public sealed class FootageWorkerEndToEndTests() : QueuedRenderTests("footage-test")
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);
    private readonly string _footageQueue = Azurite.UniqueName("footage-jobs");

    [Fact]
    public async Task A_talk_is_analysed_once_into_blobs_a_clip_of_it_passes_its_checks_and_a_text_file_is_refused_with_its_code()
    {
        var talk = await TalkAsync();
        var assets = Blobs.GetBlobContainerClient(Assets);
        await assets.GetBlobClient("user-1/footage/f1/source.mp4").UploadAsync(talk, overwrite: true);
        await assets.GetBlobClient("user-1/footage/f2/source.mp4").UploadAsync(BinaryData.FromString("not a video"), overwrite: true);
        await using var worker = await WorkerHost.StartAsync(Queue, settings: new Dictionary<string, string?> { ["Worker:FootageQueue"] = _footageQueue });

        await SendAsync(new FootageJob { Analysis = Analysis("f2") });
        var refused = await Results.NextFootageAnalyzedAsync(Timeout);
        Assert.False(refused.Succeeded);
        Assert.Equal(FootageErrorCodes.NotVideo, refused.ErrorCode);
        Assert.Contains("not a video", refused.Error, StringComparison.Ordinal);

        await SendAsync(new FootageJob { Analysis = Analysis("f1") });
        var analysed = await Results.NextFootageAnalyzedAsync(Timeout);
        Assert.True(analysed.Succeeded, analysed.Error);
        Assert.Equal((640, 360, true), (analysed.Width, analysed.Height, analysed.HasAudio));
        foreach (var blob in (BlobRef[])[analysed.Analysis!, analysed.Audio!, analysed.Proxy!, .. analysed.Thumbnails])
        {
            Assert.True(await Blobs.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Path).ExistsAsync(), $"{blob} was not written");
        }

        // A redelivery finds analysis.json and reports it again without writing anything.
        var proxy = Blobs.GetBlobContainerClient(Renders).GetBlobClient(analysed.Proxy!.Path);
        var written = (await proxy.GetPropertiesAsync()).Value.LastModified;
        await SendAsync(new FootageJob { Analysis = Analysis("f1") });
        var again = await Results.NextFootageAnalyzedAsync(Timeout);
        Assert.Equal(analysed, again with { Thumbnails = analysed.Thumbnails });
        Assert.Equal(analysed.Thumbnails, again.Thumbnails);
        Assert.Equal(written, (await proxy.GetPropertiesAsync()).Value.LastModified);

        var json = (await Blobs.GetBlobContainerClient(Renders).GetBlobClient(analysed.Analysis!.Path).DownloadContentAsync()).Value.Content;
        var analysis = JsonSerializer.Deserialize<FootageAnalysis>(json, JobJson.Options)!;
        Assert.Equal(TranscriptSources.Pocketsphinx, analysis.Transcript.Source);
        Assert.Contains(analysis.Transcript.Words, w => w.Text == "dollars");
        Assert.NotEmpty(analysis.SpeechRegions);

        var clip = new ClipRenderJob
        {
            JobId = "clip-1",
            UserId = "user-1",
            FootageId = "f1",
            ClipId = "c1",
            OrchestrationInstanceId = "footage-f1",
            Source = new BlobRef(Assets, "user-1/footage/f1/source.mp4"),
            Start = 0.5,
            End = analysis.DurationSeconds - 0.5,
            Output = OutputPresets.For("douyin", RenderMode.Preview),
            Words = analysis.Transcript.Words,
            LoudnessTarget = -14,
            Destination = new BlobRef(Renders, "user-1/footage/f1/clips/c1.mp4"),
        };
        await SendAsync(new FootageJob { Clip = clip });
        var rendered = await Results.NextRenderCompletedAsync(Timeout);
        Assert.True(rendered.Succeeded, rendered.Error);
        Assert.All(rendered.Qc!, c => Assert.True(c.Value.Passed, $"{c.Key}: {c.Value.Detail}"));
        var local = Folder.File("clip.mp4");
        await Blobs.GetBlobContainerClient(Renders).GetBlobClient(clip.Destination.Path).DownloadToAsync(local);
        var info = await new MediaProbe(new MediaOptions()).AnalyseAsync(local);
        Assert.Equal((clip.Output.Width, clip.Output.Height), (info.Width, info.Height));

        var letters = (await Queues.GetQueueClient($"{_footageQueue}-poison").ReceiveMessagesAsync(maxMessages: 10)).Value;
        var letter = Assert.Single(letters).Body.ToObjectFromJson<DeadLetter>(JobJson.Options)!;
        Assert.StartsWith(FootageErrorCodes.NotVideo, letter.Reason, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFileSystemEntries(worker.TempRoot));
        await Queues.GetQueueClient(_footageQueue).DeleteIfExistsAsync();
        await Queues.GetQueueClient($"{_footageQueue}-poison").DeleteIfExistsAsync();
    }

    private FootageAnalysisJob Analysis(string footageId) => new()
    {
        JobId = $"analysis-{footageId}",
        UserId = "user-1",
        FootageId = footageId,
        OrchestrationInstanceId = $"footage-{footageId}",
        Source = new BlobRef(Assets, $"user-1/footage/{footageId}/source.mp4"),
        OutputFolder = new BlobRef(Renders, $"user-1/footage/{footageId}"),
        Limits = new FootageLimits(600, 1L << 30),
        LanguageHint = "en",
    };

    private async Task SendAsync(FootageJob job)
    {
        var queue = Queues.GetQueueClient(_footageQueue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(BinaryData.FromObjectAsJson(job, JobJson.Options));
    }

    /// <summary>Eight seconds of a moving test picture under one festival line about a price.</summary>
    private async Task<string> TalkAsync()
    {
        var text = Folder.File("line.txt");
        await File.WriteAllTextAsync(text, "This blender costs forty nine dollars, and shipping is free today.");
        var speech = Folder.File("line.wav");
        await Tool.RunAsync("text2wave", "-o", speech, text);
        var talk = Folder.File("talk.mp4");
        await Tool.RunAsync("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=640x360:r=25:d=8", "-i", speech,
            "-af", "adelay=delays=1000:all=1,apad", "-t", "8", "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", talk);
        return talk;
    }
}
