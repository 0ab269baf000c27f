using System.Diagnostics;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Contracts;
using Serverless.Worker.Configuration;
using Serverless.Worker.Transport;

namespace Serverless.Worker.Tests.Transport;

/// <summary>What the storage-queue receiver promises the worker, on Azure Storage queues (Azurite, which CI starts; these fail when it is down).</summary>
public sealed class StorageQueueReceiverTests : IAsyncLifetime
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(500);

    private readonly QueueServiceClient _queues = new("UseDevelopmentStorage=true", new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
    private readonly string _queue = $"receiver-{Guid.NewGuid():N}";
    private StorageQueueJobReceiver _receiver = null!;

    /// <summary>A second receiver, as a second worker would hold.</summary>
    private StorageQueueJobReceiver _otherWorker = null!;

    public Task InitializeAsync()
    {
        _receiver = Receiver(maxDeliveries: 3);
        _otherWorker = Receiver(maxDeliveries: 3);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _queues.GetQueueClient(_queue).DeleteIfExistsAsync();
        await _queues.GetQueueClient(DeadLetter.PoisonQueueFor(_queue)).DeleteIfExistsAsync();
    }

    [Fact]
    public async Task A_sent_job_arrives_whole_on_its_first_delivery_and_once_completed_never_again()
    {
        var job = new SampleJob("job-1", "渲染 \"quoted\" text", [1, 2, 3]);
        await SendAsync(job);

        var delivery = await _receiver.ReceiveAsync<SampleJob>(_queue, Visibility, Wait);

        Assert.NotNull(delivery);
        Assert.Equal(job.Id, delivery.Job.Id);
        Assert.Equal(job.Text, delivery.Job.Text);
        Assert.Equal(job.Numbers, delivery.Job.Numbers);
        Assert.Equal(1, delivery.DeliveryCount);
        await delivery.CompleteAsync();
        Assert.Null(await _otherWorker.ReceiveAsync<SampleJob>(_queue, Visibility, Short));
    }

    [Fact]
    public async Task An_empty_queue_answers_null_after_the_wait_not_before()
    {
        var clock = Stopwatch.StartNew();

        var delivery = await _receiver.ReceiveAsync<SampleJob>(_queue, Visibility, TimeSpan.FromSeconds(1));

        Assert.Null(delivery);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task A_job_being_worked_on_is_not_handed_to_another_worker()
    {
        await SendAsync(new SampleJob("held", "", []));
        var held = await _receiver.ReceiveAsync<SampleJob>(_queue, TimeSpan.FromSeconds(10), Wait);
        Assert.NotNull(held);

        await held.RenewAsync(TimeSpan.FromSeconds(10));

        Assert.Null(await _otherWorker.ReceiveAsync<SampleJob>(_queue, Visibility, TimeSpan.FromSeconds(2)));
        await held.CompleteAsync();
    }

    [Fact]
    public async Task A_job_released_on_shutdown_is_delivered_again_at_once()
    {
        await SendAsync(new SampleJob("released", "", []));
        var first = await _receiver.ReceiveAsync<SampleJob>(_queue, Visibility, Wait);
        Assert.NotNull(first);

        await first.AbandonAsync(TimeSpan.Zero);
        var again = await _otherWorker.ReceiveAsync<SampleJob>(_queue, Visibility, Wait);

        Assert.NotNull(again);
        Assert.Equal("released", again.Job.Id);
        await again.CompleteAsync();
    }

    [Fact]
    public async Task A_failed_attempt_comes_back_after_its_delay_counted_as_another_delivery()
    {
        await SendAsync(new SampleJob("retried", "", []));
        var first = await _receiver.ReceiveAsync<SampleJob>(_queue, Visibility, Wait);
        Assert.NotNull(first);
        var clock = Stopwatch.StartNew();

        await first.AbandonAsync(TimeSpan.FromSeconds(1));
        var again = await _otherWorker.ReceiveAsync<SampleJob>(_queue, Visibility, Wait);

        Assert.NotNull(again);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"came back after {clock.Elapsed}");
        Assert.Equal(first.DeliveryCount + 1, again.DeliveryCount);
        await again.CompleteAsync();
    }

    [Fact]
    public async Task A_dead_lettered_job_never_comes_back_and_waits_in_the_poison_queue_with_its_reason()
    {
        await SendAsync(new SampleJob("bad", "", []));
        var delivery = await _receiver.ReceiveAsync<SampleJob>(_queue, TimeSpan.FromSeconds(10), Wait);
        Assert.NotNull(delivery);

        await delivery.DeadLetterAsync("shot 2 image is missing");

        Assert.Null(await _otherWorker.ReceiveAsync<SampleJob>(_queue, Visibility, TimeSpan.FromSeconds(2)));
        var letter = await PoisonAsync();
        Assert.Contains("shot 2 image is missing", letter.Reason);
        Assert.Equal("bad", letter.Job!.Value.GetProperty("id").GetString());
    }

    [Fact]
    public async Task An_unreadable_message_is_dead_lettered_and_the_next_job_is_received()
    {
        var client = _queues.GetQueueClient(_queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync("this is { not json");
        await SendAsync(new SampleJob("good", "", []));

        var delivery = await _receiver.ReceiveAsync<SampleJob>(_queue, Visibility, Wait);

        Assert.NotNull(delivery);
        Assert.Equal("good", delivery.Job.Id);
        await delivery.CompleteAsync();
        var letter = await PoisonAsync();
        Assert.Contains("not a valid SampleJob", letter.Reason);
        Assert.Equal("this is { not json", letter.Body);
    }

    [Fact]
    public async Task A_message_delivered_more_often_than_the_bound_is_dead_lettered_unseen_by_the_handler()
    {
        await SendAsync(new SampleJob("crashes-the-worker", "", []));
        // Three workers took it and never settled it (they crashed): each receive counts a delivery.
        var client = _queues.GetQueueClient(_queue);
        for (var i = 0; i < 3; i++)
        {
            Assert.NotNull((await client.ReceiveMessageAsync(TimeSpan.FromSeconds(1))).Value);
            await Task.Delay(TimeSpan.FromSeconds(1.2));
        }

        Assert.Null(await _receiver.ReceiveAsync<SampleJob>(_queue, Visibility, TimeSpan.FromSeconds(1)));

        var letter = await PoisonAsync();
        Assert.Contains("more than Worker:MaxDeliveries (3)", letter.Reason);
        Assert.Equal(4, letter.DeliveryCount);
    }

    [Fact]
    public async Task Running_hands_each_job_to_the_handler_and_reports_the_queue_empty_after_them()
    {
        await SendAsync(new SampleJob("one", "", []));
        await SendAsync(new SampleJob("two", "", []));
        var handled = new List<string>();
        var empty = new TaskCompletionSource();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var running = _receiver.RunAsync(new JobReception<SampleJob>(_queue, 1, async (delivery, _) =>
        {
            handled.Add(delivery.Job.Id);
            await delivery.CompleteAsync();
        }, () => empty.TrySetResult()), stop.Token);
        await empty.Task.WaitAsync(TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await running;

        Assert.Equal(["one", "two"], handled);
    }

    [Fact]
    public async Task Settling_a_delivery_twice_is_refused_and_never_resends_the_job()
    {
        await SendAsync(new SampleJob("once", "", []));
        var delivery = await _receiver.ReceiveAsync<SampleJob>(_queue, Visibility, Wait);
        Assert.NotNull(delivery);
        await delivery.CompleteAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => delivery.CompleteAsync());

        Assert.Null(await _otherWorker.ReceiveAsync<SampleJob>(_queue, Visibility, TimeSpan.FromSeconds(1)));
    }

    private StorageQueueJobReceiver Receiver(int maxDeliveries) => new(
        _queues,
        Options.Create(new WorkerOptions { MaxDeliveries = maxDeliveries, PollWait = TimeSpan.FromSeconds(1), Visibility = Visibility }),
        TimeProvider.System,
        NullLogger<StorageQueueJobReceiver>.Instance);

    private async Task SendAsync(SampleJob job)
    {
        var client = _queues.GetQueueClient(_queue);
        await client.CreateIfNotExistsAsync();
        await client.SendMessageAsync(BinaryData.FromObjectAsJson(job, JobJson.Options));
    }

    private async Task<DeadLetter> PoisonAsync()
    {
        var poison = _queues.GetQueueClient(DeadLetter.PoisonQueueFor(_queue));
        var messages = (await poison.ReceiveMessagesAsync(maxMessages: 10)).Value;
        return Assert.Single(messages).Body.ToObjectFromJson<DeadLetter>(JobJson.Options)!;
    }

    public sealed record SampleJob(string Id, string Text, IReadOnlyList<int> Numbers);
}
