using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Worker.Configuration;

namespace Serverless.Worker.Results;

/// <summary>
/// Reports <see cref="JobResult"/>s on the results storage queue (<see cref="WorkerOptions.ResultsQueue"/>), where the
/// function app checks each one against the jobs its orchestrations issued before raising the event. The worker needs
/// no URL or key for the orchestration, only the queue's send right.
/// </summary>
public sealed class JobResultQueue(QueueServiceClient queues, IOptions<WorkerOptions> options, EndedOrchestrations ended)
{
    private readonly Lazy<Task<QueueClient>> _queue = new(async () =>
    {
        var client = queues.GetQueueClient(options.Value.ResultsQueue);
        await client.CreateIfNotExistsAsync();
        return client;
    });

    /// <exception cref="Azure.RequestFailedException">The queue refused the message: the job is retried.</exception>
    public async Task SendAsync(JobResult result, CancellationToken cancellationToken)
    {
        var queue = await _queue.Value.WaitAsync(cancellationToken);
        await queue.SendMessageAsync(BinaryData.FromObjectAsJson(result, JobJson.Options), cancellationToken: cancellationToken);
    }

    /// <summary>Sends the result unless the job's orchestration has ended (then nobody waits for it); false when it was not sent.</summary>
    public async Task<bool> SendUnlessEndedAsync(JobResult result, CancellationToken cancellationToken)
    {
        if (await ended.HasEndedAsync(result.OrchestrationInstanceId, result.JobId, cancellationToken))
        {
            return false;
        }

        await SendAsync(result, cancellationToken);
        return true;
    }
}
