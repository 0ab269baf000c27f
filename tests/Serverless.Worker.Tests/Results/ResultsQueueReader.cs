using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Inference;
using Serverless.Contracts.Rendering;

namespace Serverless.Worker.Tests.Results;

/// <summary>
/// Reads what a worker reported on a results queue of the test's own (Azurite), in place of the function app's intake:
/// every <see cref="JobResult"/> is taken off the queue and kept, in arrival order.
/// </summary>
public sealed class ResultsQueueReader(QueueServiceClient queues, string queue)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly List<JobResult> _unclaimed = [];
    private readonly List<JobResult> _seen = [];

    public string Queue => queue;

    /// <summary>Every result read so far.</summary>
    public IReadOnlyList<JobResult> Seen => _seen;

    public IEnumerable<RenderProgressReport> Progress => _seen.Select(r => r.RenderProgress).OfType<RenderProgressReport>();

    public IEnumerable<RenderCompleted> RenderCompletions => _seen.Select(r => r.RenderCompleted).OfType<RenderCompleted>();

    public async Task<RenderCompleted> NextRenderCompletedAsync(TimeSpan timeout) =>
        (await NextAsync(r => r.RenderCompleted is not null, timeout, nameof(RenderCompleted))).RenderCompleted!;

    public async Task<InferenceCompleted> NextInferenceCompletedAsync(TimeSpan timeout) =>
        (await NextAsync(r => r.InferenceCompleted is not null, timeout, nameof(InferenceCompleted))).InferenceCompleted!;

    public async Task<FootageAnalysisCompleted> NextFootageAnalyzedAsync(TimeSpan timeout) =>
        (await NextAsync(r => r.FootageAnalyzed is not null, timeout, nameof(FootageAnalysisCompleted))).FootageAnalyzed!;

    /// <summary>Reads whatever is on the queue now.</summary>
    public async Task ReadAllAsync()
    {
        while (await ReadOnceAsync() > 0)
        {
        }
    }

    public Task DeleteAsync() => queues.GetQueueClient(queue).DeleteIfExistsAsync();

    private async Task<JobResult> NextAsync(Func<JobResult, bool> match, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var found = _unclaimed.FindIndex(r => match(r));
            if (found >= 0)
            {
                var result = _unclaimed[found];
                _unclaimed.RemoveAt(found);
                return result;
            }

            if (DateTime.UtcNow >= deadline)
            {
                throw new TimeoutException($"No {what} arrived on {queue} within {timeout}.");
            }

            if (await ReadOnceAsync() == 0)
            {
                await Task.Delay(PollInterval);
            }
        }
    }

    private async Task<int> ReadOnceAsync()
    {
        var client = queues.GetQueueClient(queue);
        if (!await client.ExistsAsync())
        {
            return 0;
        }

        var messages = (await client.ReceiveMessagesAsync(maxMessages: 32)).Value;
        foreach (var message in messages)
        {
            var result = message.Body.ToObjectFromJson<JobResult>(JobJson.Options)!;
            _seen.Add(result);
            _unclaimed.Add(result);
            await client.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }

        return messages.Length;
    }
}
