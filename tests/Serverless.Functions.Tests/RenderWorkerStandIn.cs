using System.Collections.Concurrent;
using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;

namespace Serverless.Functions.Tests;

/// <summary>
/// Stands in for the render worker on an app's own queues: takes one user's render jobs off the render queue (another
/// user's go back at once), records each, and answers it on the results queue as the worker does, with what
/// <c>answer</c> decides: a <see cref="RenderCompleted"/>, or null to hold the job unanswered.
/// </summary>
public sealed class RenderWorkerStandIn : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly ConcurrentQueue<RenderJob> _jobs = new();

    public RenderWorkerStandIn(StudioAppFactory app, string userId, Func<RenderJob, Task<RenderCompleted?>> answer)
    {
        var options = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        var jobs = new QueueClient(LocalStack.StorageConnectionString, app.RenderQueue, options);
        var results = new QueueClient(LocalStack.StorageConnectionString, app.ResultsQueue, options);
        _loop = Task.Run(async () =>
        {
            await jobs.CreateIfNotExistsAsync();
            await results.CreateIfNotExistsAsync();
            while (!_stop.IsCancellationRequested)
            {
                foreach (var message in (await jobs.ReceiveMessagesAsync(16, TimeSpan.FromMinutes(5))).Value)
                {
                    var job = message.Body.ToObjectFromJson<RenderJob>(JobJson.Options)!;
                    if (job.UserId != userId)
                    {
                        await jobs.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: TimeSpan.Zero);
                        continue;
                    }

                    _jobs.Enqueue(job);
                    await jobs.DeleteMessageAsync(message.MessageId, message.PopReceipt);
                    if (await answer(job) is { } completed)
                    {
                        await results.SendMessageAsync(BinaryData.FromObjectAsJson(JobResult.Completed(job.OrchestrationInstanceId, completed), JobJson.Options));
                    }
                }

                await Task.Delay(200);
            }
        });
    }

    /// <summary>The jobs taken, in order.</summary>
    public IReadOnlyCollection<RenderJob> Jobs => _jobs.ToArray();

    /// <summary>A render that went well, with the output where the job said.</summary>
    public static RenderCompleted Succeeded(RenderJob job) =>
        new() { JobId = job.JobId, Succeeded = true, Video = job.Destination, DurationSeconds = 3, RenderSeconds = 1 };

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }
}
