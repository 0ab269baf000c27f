using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Serverless.Contracts.Rendering;
using Serverless.Contracts;
using Serverless.Worker.Tests.Results;
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

    /// <summary>What the worker reported, read off its results queue in place of the function app's intake.</summary>
    protected ResultsQueueReader Results => _results ??= new(Queues, WorkerHost.ResultsQueueOf(Queue));

    private ResultsQueueReader? _results;

    public async Task InitializeAsync()
    {
        await Azurite.RequireAsync();
        await Blobs.CreateBlobContainerAsync(Assets);
    }

    /// <summary>
    /// The small job (<see cref="SampleJobs.Small"/>) over stills and a spoken line uploaded under the job's user and
    /// project, writing under <see cref="Renders"/>.
    /// </summary>
    protected async Task<RenderJob> UploadSmallJobAsync()
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
            Destination = new BlobRef(Renders, $"user-1/project-1/{job.JobId}/video.mp4"),
        };
    }

    protected async Task SendAsync(RenderJob job)
    {
        var queue = Queues.GetQueueClient(Queue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(BinaryData.FromObjectAsJson(job, JobJson.Options));
    }

    /// <summary>What the function app does when a result arrives for an orchestration that has ended.</summary>
    protected async Task MarkEndedAsync(RenderJob job)
    {
        var jobs = Blobs.GetBlobContainerClient(IssuedJobBlobs.Container);
        await jobs.CreateIfNotExistsAsync();
        await jobs.GetBlobClient(IssuedJobBlobs.EndedMarker(job.OrchestrationInstanceId, job.JobId)).UploadAsync(BinaryData.Empty, overwrite: true);
    }

    public async Task DisposeAsync()
    {
        await Queues.GetQueueClient(Queue).DeleteIfExistsAsync();
        await Queues.GetQueueClient($"{Queue}-poison").DeleteIfExistsAsync();
        await Results.DeleteAsync();
        await Blobs.GetBlobContainerClient(Assets).DeleteIfExistsAsync();
        await Blobs.GetBlobContainerClient(Renders).DeleteIfExistsAsync();
        Folder.Dispose();
    }
}
