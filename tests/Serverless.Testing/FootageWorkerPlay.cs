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
    /// two thumbnails beside it: <paramref name="previews"/>' files (a browser plays and shows them), else bytes that
    /// name the footage, so a test can tell whose file a link reads; and the footage's sound as the worker extracts it
    /// when <paramref name="audio"/> (a WAV) is given.
    /// </summary>
    public async Task AnalyseAsync(FootageAnalysisJob job, FootageAnalysis analysis, FootagePreviewFiles? previews = null, BinaryData? audio = null)
    {
        BlobRef Output(string name) => job.OutputFolder with { Path = $"{job.OutputFolder.Path}/{name}" };
        var blob = Output(FootageOutputs.Analysis);
        await UploadAsync(blob, BinaryData.FromObjectAsJson(analysis, JobJson.Options));
        var proxy = Output(FootageOutputs.Proxy);
        await UploadAsync(proxy, previews?.Proxy ?? BinaryData.FromString($"proxy of {job.FootageId}"));
        var thumbnails = new[] { Output(FootageOutputs.Thumbnail(0)), Output(FootageOutputs.Thumbnail(1)) };
        foreach (var thumbnail in thumbnails)
        {
            await UploadAsync(thumbnail, previews?.Thumbnail ?? BinaryData.FromString($"{Path.GetFileName(thumbnail.Path)} of {job.FootageId}"));
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

/// <summary>A playable proxy and a thumbnail picture for <see cref="FootageWorkerPlay.AnalyseAsync"/> to write.</summary>
public sealed record FootagePreviewFiles(BinaryData Proxy, BinaryData Thumbnail)
{
    /// <summary>
    /// A small H.264 MP4 (ffmpeg's test pattern, moov first, so a player reads its length at once) of
    /// <paramref name="seconds"/>, and a JPEG still.
    /// </summary>
    public static async Task<FootagePreviewFiles> MakeAsync(double seconds, CancellationToken cancellationToken = default)
    {
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "serverless-preview-" + Guid.NewGuid().ToString("N"))).FullName;
        try
        {
            var (proxy, still) = (Path.Combine(folder, FootageOutputs.Proxy), Path.Combine(folder, FootageOutputs.Thumbnail(0)));
            var length = seconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=s=192x108:r=5:d={length}",
                "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-g", "10", "-movflags", "+faststart", proxy], cancellationToken);
            await ExternalTool.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=192x108:r=1", "-frames:v", "1", still], cancellationToken);
            return new FootagePreviewFiles(BinaryData.FromBytes(await File.ReadAllBytesAsync(proxy, cancellationToken)), BinaryData.FromBytes(await File.ReadAllBytesAsync(still, cancellationToken)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
