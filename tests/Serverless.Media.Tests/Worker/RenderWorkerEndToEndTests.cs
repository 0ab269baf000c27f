using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Contracts.Transport;
using Serverless.Media.Probing;
using Serverless.Media.Tests.Fixtures;
using System.Text.Json;

namespace Serverless.Media.Tests.Worker;

/// <summary>The worker host against Azurite and the real ffmpeg: queue in, blobs in, MP4 out, completion posted.</summary>
public sealed class RenderWorkerEndToEndTests : IAsyncLifetime
{
    private static readonly TimeSpan RenderTimeout = TimeSpan.FromSeconds(120);
    private readonly TempFolder _folder = new();
    private readonly string _queue = Azurite.UniqueName("render-test");
    private readonly string _assets = Azurite.UniqueName("assets");
    private readonly string _renders = Azurite.UniqueName("renders");
    private readonly BlobServiceClient _blobs = Azurite.Blobs();
    private readonly QueueServiceClient _queues = Azurite.Queues();

    public async Task InitializeAsync()
    {
        await Azurite.RequireAsync();
        await _blobs.CreateBlobContainerAsync(_assets);
    }

    [Fact]
    public async Task A_queued_job_becomes_an_mp4_blob_is_reported_and_leaves_the_queue_and_a_redelivery_renders_nothing()
    {
        await using var receiver = await CompletionReceiver.StartAsync();
        var job = await UploadSampleJobAsync(receiver);
        var transport = new StorageQueueJobTransport(_queues);
        await transport.SendAsync(_queue, job);
        await transport.SendAsync(_queue, job);
        await using var worker = await WorkerHost.StartAsync(_queue);

        var (first, query) = await receiver.NextAsync(RenderTimeout);
        var (second, _) = await receiver.NextAsync(RenderTimeout);

        Assert.True(first.Succeeded, first.Error);
        Assert.Equal(job.JobId, first.JobId);
        Assert.Equal(job.Destination, first.Video);
        Assert.Equal("?code=secret-token", query);
        Assert.InRange(first.DurationSeconds, 5.99, 6.01);
        Assert.True(first.SizeBytes > 10_000);
        Assert.True(second.Succeeded);
        Assert.Equal(first.Video, second.Video);
        Assert.Equal(first.SizeBytes, second.SizeBytes);
        Assert.Equal(first.DurationSeconds, second.DurationSeconds);
        Assert.Equal(1, worker.Renderer.Renders);

        var local = _folder.File("downloaded.mp4");
        await _blobs.GetBlobContainerClient(_renders).GetBlobClient(job.Destination.Path).DownloadToAsync(local);
        var info = await new MediaProbe(new MediaOptions()).AnalyseAsync(local);
        Assert.Equal(("h264", "aac", 360, 640), (info.VideoCodec, info.AudioCodec, info.Width, info.Height));
        Assert.True(await _blobs.GetBlobContainerClient(_renders).GetBlobClient(first.Thumbnail!.Path).ExistsAsync());
        Assert.EndsWith("/video.jpg", first.Thumbnail.Path);
        await AssertQueueDrainsAsync();
        Assert.Empty(Directory.EnumerateFileSystemEntries(worker.TempRoot));
    }

    [Fact]
    public async Task A_job_whose_image_is_missing_is_reported_failed_with_the_reason_and_dead_lettered()
    {
        await using var receiver = await CompletionReceiver.StartAsync();
        var job = await UploadSampleJobAsync(receiver);
        job = job with { Shots = [job.Shots[0], job.Shots[1] with { Image = new BlobRef(_assets, "nowhere/missing.png") }, job.Shots[2]] };
        await new StorageQueueJobTransport(_queues).SendAsync(_queue, job);
        await using var worker = await WorkerHost.StartAsync(_queue);

        var (completed, _) = await receiver.NextAsync(RenderTimeout);

        Assert.False(completed.Succeeded);
        Assert.Contains("nowhere/missing.png", completed.Error);
        Assert.Equal(0, worker.Renderer.Renders);
        await AssertQueueDrainsAsync();
        Assert.False(await _blobs.GetBlobContainerClient(_renders).GetBlobClient(job.Destination.Path).ExistsAsync());

        var letters = (await _queues.GetQueueClient($"{_queue}-poison").ReceiveMessagesAsync(maxMessages: 10)).Value;
        var letter = Assert.Single(letters).Body.ToObjectFromJson<DeadLetter>(JobJson.Options)!;
        Assert.Equal(job.JobId, letter.Job!.Value.Deserialize<RenderJob>(JobJson.Options)!.JobId);
        Assert.Contains("nowhere/missing.png", letter.Reason);
    }

    [Fact]
    public async Task When_the_completion_endpoint_keeps_refusing_the_message_is_kept_and_the_redelivery_reports_without_rendering_again()
    {
        // The resilience handler makes four attempts per delivery; refusing all four forces a redelivery.
        await using var receiver = await CompletionReceiver.StartAsync(refuseFirst: 4);
        var job = await UploadSampleJobAsync(receiver);
        await new StorageQueueJobTransport(_queues).SendAsync(_queue, job);
        await using var worker = await WorkerHost.StartAsync(_queue);

        var (completed, _) = await receiver.NextAsync(RenderTimeout);

        Assert.True(completed.Succeeded, completed.Error);
        Assert.True(receiver.Attempts >= 5);
        Assert.Equal(1, worker.Renderer.Renders);
        await AssertQueueDrainsAsync();
    }

    private async Task<RenderJob> UploadSampleJobAsync(CompletionReceiver receiver)
    {
        var container = _blobs.GetBlobContainerClient(_assets);
        var images = new List<BlobRef>();
        for (var i = 0; i < 3; i++)
        {
            var path = await TestMedia.StillAsync(_folder.Path, $"still-{i}.png", i);
            var blob = new BlobRef(_assets, $"user-1/project-1/shots/{i}.png");
            await container.GetBlobClient(blob.Path).UploadAsync(path, overwrite: true);
            images.Add(blob);
        }

        var voicePath = await TestMedia.SpeechAsync(_folder.Path, "voice.wav", SampleJobs.VoiceText);
        var voice = new BlobRef(_assets, "user-1/project-1/voices/0.wav");
        await container.GetBlobClient(voice.Path).UploadAsync(voicePath, overwrite: true);
        var seconds = (await new MediaProbe(new MediaOptions()).AnalyseAsync(voicePath)).Duration.TotalSeconds;

        var job = SampleJobs.Small(images, voice, seconds);
        return job with
        {
            CompletionUrl = receiver.UrlFor(job.OrchestrationInstanceId),
            Destination = new BlobRef(_renders, $"user-1/project-1/{job.JobId}/video.mp4"),
        };
    }

    private async Task AssertQueueDrainsAsync()
    {
        var queue = _queues.GetQueueClient(_queue);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        int count;
        do
        {
            count = (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
            if (count == 0)
            {
                return;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Fail($"{count} message(s) still on queue {_queue}.");
    }

    public async Task DisposeAsync()
    {
        await _queues.GetQueueClient(_queue).DeleteIfExistsAsync();
        await _queues.GetQueueClient($"{_queue}-poison").DeleteIfExistsAsync();
        await _blobs.GetBlobContainerClient(_assets).DeleteIfExistsAsync();
        await _blobs.GetBlobContainerClient(_renders).DeleteIfExistsAsync();
        _folder.Dispose();
    }
}
