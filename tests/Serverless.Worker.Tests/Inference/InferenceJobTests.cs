using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Serverless.Contracts;
using Serverless.Contracts.Inference;
using Serverless.Contracts.Rendering;
using Serverless.Worker.Tests.Results;
using Serverless.Worker.Transport;
using Serverless.Testing;

namespace Serverless.Worker.Tests.Inference;

/// <summary>
/// Inference jobs through the worker's real host: sent on a storage queue of the test's own (Azurite), run by the
/// generic runner with a model from the test's models container, answered on a results queue of the test's own.
/// </summary>
public sealed class InferenceJobTests : IAsyncLifetime
{
    private const string User = "usr_inference";
    private readonly string _queue = InferenceFixtures.UniqueName("inference");
    private readonly string _models = InferenceFixtures.UniqueName("models");
    private readonly string _assets = InferenceFixtures.UniqueName("assets");
    private readonly string _temp = Directory.CreateTempSubdirectory("inference-jobs-").FullName;
    private readonly BlobServiceClient _blobs = new(InferenceFixtures.Storage);
    private readonly QueueServiceClient _queues = new(InferenceFixtures.Storage, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    private readonly ResultsQueueReader _results;

    public InferenceJobTests() => _results = new(_queues, _queue + "-results");

    public async Task InitializeAsync()
    {
        await InferenceFixtures.RequireAzuriteAsync();
        await _blobs.CreateBlobContainerAsync(_models);
        await _blobs.CreateBlobContainerAsync(_assets);
        await _blobs.GetBlobContainerClient(_models).GetBlobClient("silero_vad_v5.onnx").UploadAsync(SourceTree.SileroVadModel());
    }

    [Fact]
    public async Task A_speech_segments_job_finds_speech_that_starts_after_a_second_of_silence()
    {
        var clip = await InferenceFixtures.SpeechClipAsync(_temp, leadingSilence: 1.0);
        var heard = await InferenceFixtures.FirstSoundAsync(clip);
        var input = new BlobRef(_assets, $"{User}/prj_1/voices/line-1.wav");
        await _blobs.GetBlobContainerClient(_assets).GetBlobClient(input.Path).UploadAsync(clip);
        var job = Job("silero_vad_v5", input);
        await SendAsync(job);

        using var host = await StartWorkerAsync([]);
        var completed = await _results.NextInferenceCompletedAsync(TimeSpan.FromSeconds(90));

        Assert.True(completed.Succeeded, completed.Error);
        Assert.Equal(job.Output, completed.Output);
        var json = (await _blobs.GetBlobContainerClient(_assets).GetBlobClient(job.Output.Path).DownloadContentAsync()).Value.Content;
        var result = json.ToObjectFromJson<SpeechSegmentsResult>(JobJson.Options)!;
        Assert.Equal("silero_vad_v5", result.Model);
        Assert.NotEmpty(result.Segments);
        Assert.InRange(result.Segments[0].Start, 0.9, 1.1);
        Assert.InRange(result.Segments[0].Start, heard - 0.1, heard + 0.1);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_job_whose_orchestration_has_ended_reports_nothing_and_leaves_the_queue()
    {
        var input = new BlobRef(_assets, $"{User}/prj_1/voices/line-1.wav");
        await _blobs.GetBlobContainerClient(_assets).GetBlobClient(input.Path).UploadAsync(await InferenceFixtures.SpeechClipAsync(_temp, 0.5));
        var job = Job("silero_vad_v5", input);
        // The function app left the ended marker when an earlier result arrived for the ended orchestration.
        var jobs = _blobs.GetBlobContainerClient(IssuedJobBlobs.Container);
        await jobs.CreateIfNotExistsAsync();
        var marker = jobs.GetBlobClient(IssuedJobBlobs.EndedMarker(job.OrchestrationInstanceId!, job.JobId));
        await marker.UploadAsync(BinaryData.Empty, overwrite: true);
        await SendAsync(job);

        using var host = await StartWorkerAsync([]);

        // The job is acknowledged: the message is deleted, neither retried nor set aside, and nothing is reported.
        var queue = _queues.GetQueueClient(_queue);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(250);
        }

        await Task.Delay(1000);
        Assert.Equal(0, (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        await _results.ReadAllAsync();
        Assert.Empty(_results.Seen);
        Assert.False(await _queues.GetQueueClient(DeadLetter.PoisonQueueFor(_queue)).ExistsAsync());
        await host.StopAsync();
        await marker.DeleteIfExistsAsync();
    }

    [Fact]
    public async Task A_job_naming_an_unknown_model_is_dead_lettered_with_the_reason_and_reported_failed()
    {
        var input = new BlobRef(_assets, $"{User}/prj_1/voices/line-1.wav");
        await _blobs.GetBlobContainerClient(_assets).GetBlobClient(input.Path).UploadAsync(await InferenceFixtures.SpeechClipAsync(_temp, 0.5));
        await SendAsync(Job("whisper-large-v9", input));

        using var host = await StartWorkerAsync([]);
        var completed = await _results.NextInferenceCompletedAsync(TimeSpan.FromSeconds(60));

        Assert.False(completed.Succeeded);
        Assert.Contains("Model 'whisper-large-v9' has no Inference:ModelDigests", completed.Error);
        var letter = await PoisonAsync(TimeSpan.FromSeconds(20));
        Assert.Contains("Model 'whisper-large-v9' has no Inference:ModelDigests", letter.Reason);
        Assert.Equal(1, letter.DeliveryCount);
        await host.StopAsync();
    }

    [Fact]
    public async Task A_job_reading_another_users_blob_is_dead_lettered_without_downloading_it()
    {
        var foreign = new BlobRef(_assets, "usr_someone_else/prj_9/voices/secret.wav");
        await SendAsync(Job("silero_vad_v5", foreign));

        using var host = await StartWorkerAsync([]);
        var completed = await _results.NextInferenceCompletedAsync(TimeSpan.FromSeconds(60));

        Assert.False(completed.Succeeded);
        Assert.Contains("is not the job's user's", completed.Error);
        Assert.Contains("is not the job's user's", (await PoisonAsync(TimeSpan.FromSeconds(20))).Reason);
        await host.StopAsync();
    }

    private async Task SendAsync(InferenceJob job)
    {
        var queue = _queues.GetQueueClient(_queue);
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(BinaryData.FromObjectAsJson(job, JobJson.Options));
    }

    private InferenceJob Job(string model, BlobRef input)
    {
        var id = $"inf_{Guid.NewGuid():N}";
        return new InferenceJob
        {
            JobId = id,
            UserId = User,
            Model = model,
            Kind = InferenceKinds.SpeechSegments,
            Inputs = [input],
            Output = new BlobRef(_assets, $"{User}/prj_1/speech/{id}.json"),
            OrchestrationInstanceId = $"instance-{id}",
        };
    }

    private async Task<IHost> StartWorkerAsync(Dictionary<string, string?> extra)
    {
        var builder = Host.CreateApplicationBuilder();
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Storage"] = InferenceFixtures.Storage,
            ["Worker:Queue"] = _queue + "-r",
            ["Worker:InferenceQueue"] = _queue,
            ["Worker:TempRoot"] = _temp,
            ["Worker:PollWait"] = "00:00:01",
            ["Worker:RetryDelay"] = "00:00:01",
            ["Worker:ResultsQueue"] = _results.Queue,
            ["Inference:ModelsContainer"] = _models,
            ["Inference:ModelDigests:silero_vad_v5"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(SourceTree.SileroVadModel()))),
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddRenderWorker();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private async Task<DeadLetter> PoisonAsync(TimeSpan timeout)
    {
        var poison = _queues.GetQueueClient(DeadLetter.PoisonQueueFor(_queue));
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until)
        {
            if (await poison.ExistsAsync())
            {
                var messages = (await poison.ReceiveMessagesAsync(maxMessages: 10)).Value;
                if (messages.Length > 0)
                {
                    return Assert.Single(messages).Body.ToObjectFromJson<DeadLetter>(JobJson.Options)!;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Nothing reached {poison.Name} within {timeout}.");
    }

    public async Task DisposeAsync()
    {
        await _queues.GetQueueClient(_queue).DeleteIfExistsAsync();
        await _queues.GetQueueClient(DeadLetter.PoisonQueueFor(_queue)).DeleteIfExistsAsync();
        await _results.DeleteAsync();
        await _blobs.GetBlobContainerClient(_models).DeleteIfExistsAsync();
        await _blobs.GetBlobContainerClient(_assets).DeleteIfExistsAsync();
        Directory.Delete(_temp, recursive: true);
    }
}
