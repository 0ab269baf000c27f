using System.Diagnostics;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;

namespace Serverless.Testing;

/// <summary>
/// The footage worker played on the wire by a test: it takes a footage's jobs off the app's footage queue, writes what
/// a worker writes, and answers on the results queue; no video is analysed or rendered.
/// </summary>
public sealed class FootageWorkerPlay(string storageConnectionString, string jobQueue, string resultsQueue)
{
    private readonly BlobServiceClient _blobs = new(storageConnectionString);

    public BlobServiceClient Blobs => _blobs;

    /// <summary>Takes up to <paramref name="count"/> jobs of the footage within <paramref name="patience"/>; the caller checks how many came.</summary>
    public async Task<List<FootageJob>> TakeAsync(string footageId, int count, TimeSpan patience)
    {
        var queue = new QueueClient(storageConnectionString, jobQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        var taken = new List<FootageJob>();
        var clock = Stopwatch.StartNew();
        while (taken.Count < count && clock.Elapsed < patience)
        {
            if (await queue.ExistsAsync())
            {
                foreach (var message in (await queue.ReceiveMessagesAsync(32, TimeSpan.FromSeconds(1))).Value)
                {
                    var job = JsonSerializer.Deserialize<FootageJob>(message.Body, JobJson.Options)!;
                    if ((job.Analysis?.FootageId ?? job.Clip?.FootageId) == footageId)
                    {
                        taken.Add(job);
                        await queue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    }
                }
            }

            if (taken.Count < count)
            {
                await Task.Delay(200);
            }
        }

        return taken;
    }

    public async Task ReportAsync(JobResult result)
    {
        var queue = new QueueClient(storageConnectionString, resultsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(BinaryData.FromObjectAsJson(result, JobJson.Options));
    }

    /// <summary>
    /// Answers an analysis job with <paramref name="analysis"/>, written where the worker writes it, with a proxy and
    /// two thumbnails beside it (their bytes name the footage, so a test can tell whose file a link reads), and the
    /// footage's sound as the worker extracts it when <paramref name="audio"/> (a WAV) is given.
    /// </summary>
    public async Task AnalyseAsync(FootageAnalysisJob job, FootageAnalysis analysis, BinaryData? audio = null)
    {
        BlobRef Output(string name) => job.OutputFolder with { Path = $"{job.OutputFolder.Path}/{name}" };
        var blob = Output(FootageOutputs.Analysis);
        await UploadAsync(blob, BinaryData.FromObjectAsJson(analysis, JobJson.Options));
        var proxy = Output(FootageOutputs.Proxy);
        await UploadAsync(proxy, BinaryData.FromString($"proxy of {job.FootageId}"));
        var thumbnails = new[] { Output(FootageOutputs.Thumbnail(0)), Output(FootageOutputs.Thumbnail(1)) };
        foreach (var thumbnail in thumbnails)
        {
            await UploadAsync(thumbnail, BinaryData.FromString($"{Path.GetFileName(thumbnail.Path)} of {job.FootageId}"));
        }

        BlobRef? sound = null;
        if (audio is not null)
        {
            sound = Output(FootageOutputs.Audio);
            await UploadAsync(sound, audio);
        }

        await ReportAsync(JobResult.Completed(job.OrchestrationInstanceId, new FootageAnalysisCompleted
        {
            JobId = job.JobId, Succeeded = true, DurationSeconds = analysis.DurationSeconds, HasAudio = true, Width = analysis.Width, Height = analysis.Height, Analysis = blob,
            Proxy = proxy, Thumbnails = thumbnails, Audio = sound,
        }));
    }

    private Task UploadAsync(BlobRef blob, BinaryData content) =>
        _blobs.GetBlobContainerClient(blob.Container).GetBlobClient(blob.Path).UploadAsync(content, overwrite: true);
}
