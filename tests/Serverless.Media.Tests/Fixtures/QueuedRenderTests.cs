using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Serverless.Contracts.Rendering;
using Serverless.Contracts.Transport;
using Serverless.Media.Probing;

namespace Serverless.Media.Tests.Fixtures;

/// <summary>
/// Tests of a worker taking render jobs from a queue on Azurite: each test class gets its own queue and containers,
/// deleted with its temporary folder when it ends.
/// </summary>
public abstract class QueuedRenderTests(string queuePrefix) : IAsyncLifetime
{
    protected TempFolder Folder { get; } = new();

    protected string Queue { get; } = Azurite.UniqueName(queuePrefix);

    protected string Assets { get; } = Azurite.UniqueName("assets");

    protected string Renders { get; } = Azurite.UniqueName("renders");

    protected BlobServiceClient Blobs { get; } = Azurite.Blobs();

    protected QueueServiceClient Queues { get; } = Azurite.Queues();

    public async Task InitializeAsync()
    {
        await Azurite.RequireAsync();
        await Blobs.CreateBlobContainerAsync(Assets);
    }

    /// <summary>
    /// The small job (<see cref="SampleJobs.Small"/>) over stills and a spoken line uploaded under the job's user and
    /// project, reporting to <paramref name="receiver"/> and writing under <see cref="Renders"/>.
    /// </summary>
    protected async Task<RenderJob> UploadSmallJobAsync(CompletionReceiver receiver)
    {
        var container = Blobs.GetBlobContainerClient(Assets);
        var images = new List<BlobRef>();
        for (var i = 0; i < 3; i++)
        {
            var path = await TestMedia.StillAsync(Folder.Path, $"still-{i}.png", i);
            var blob = new BlobRef(Assets, $"user-1/project-1/shots/{i}.png");
            await container.GetBlobClient(blob.Path).UploadAsync(path, overwrite: true);
            images.Add(blob);
        }

        var voicePath = await TestMedia.SpeechAsync(Folder.Path, "voice.wav", SampleJobs.VoiceText);
        var voice = new BlobRef(Assets, "user-1/project-1/voices/0.wav");
        await container.GetBlobClient(voice.Path).UploadAsync(voicePath, overwrite: true);
        var seconds = (await new MediaProbe(new MediaOptions()).AnalyseAsync(voicePath)).Duration.TotalSeconds;

        var job = SampleJobs.Small(images, voice, seconds);
        return job with
        {
            CompletionUrl = receiver.UrlFor(job.OrchestrationInstanceId),
            Destination = new BlobRef(Renders, $"user-1/project-1/{job.JobId}/video.mp4"),
        };
    }

    protected Task SendAsync(RenderJob job) => new StorageQueueJobTransport(Queues).SendAsync(Queue, job);

    public async Task DisposeAsync()
    {
        await Queues.GetQueueClient(Queue).DeleteIfExistsAsync();
        await Queues.GetQueueClient($"{Queue}-poison").DeleteIfExistsAsync();
        await Blobs.GetBlobContainerClient(Assets).DeleteIfExistsAsync();
        await Blobs.GetBlobContainerClient(Renders).DeleteIfExistsAsync();
        Folder.Dispose();
    }
}
