using System.Diagnostics;
using Serverless.Contracts.Transport;

namespace Serverless.Worker.Tests.Transport;

/// <summary>
/// What every <see cref="IJobTransport"/> promises the worker, run against each real transport: the storage queue on
/// Azurite and AMQP 1.0 on RabbitMQ.
/// </summary>
public abstract class JobTransportContract : IAsyncLifetime
{
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Short = TimeSpan.FromMilliseconds(500);

    protected string Queue { get; } = $"contract-{Guid.NewGuid():N}";

    protected IJobTransport Transport { get; private set; } = null!;

    /// <summary>A second client, as a second worker would hold.</summary>
    protected IJobTransport OtherWorker { get; private set; } = null!;

    protected abstract Task<IJobTransport> ConnectAsync();

    /// <summary>Puts a message on the queue that is not JSON, as a broken sender would.</summary>
    protected abstract Task SendUnreadableAsync(string queue, string body);

    public async Task InitializeAsync()
    {
        Transport = await ConnectAsync();
        OtherWorker = await ConnectAsync();
    }

    public virtual async Task DisposeAsync()
    {
        foreach (var transport in new[] { Transport, OtherWorker })
        {
            if (transport is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync();
            }
        }
    }

    [ContractFact]
    public async Task A_sent_job_arrives_whole_on_its_first_delivery_and_once_completed_never_again()
    {
        var job = new SampleJob("job-1", "渲染 \"quoted\" text", [1, 2, 3]);
        await Transport.SendAsync(Queue, job);

        var delivery = await Transport.ReceiveAsync<SampleJob>(Queue, Visibility, Wait);

        Assert.NotNull(delivery);
        Assert.Equal(job.Id, delivery.Job.Id);
        Assert.Equal(job.Text, delivery.Job.Text);
        Assert.Equal(job.Numbers, delivery.Job.Numbers);
        Assert.Equal(1, delivery.DeliveryCount);
        await delivery.CompleteAsync();
        Assert.Null(await OtherWorker.ReceiveAsync<SampleJob>(Queue, Visibility, Short));
        Assert.Null(await Transport.ReceiveAsync<SampleJob>(Queue, Visibility, Short));
    }

    [ContractFact]
    public async Task An_empty_queue_answers_null_after_the_wait_not_before()
    {
        var clock = Stopwatch.StartNew();

        var delivery = await Transport.ReceiveAsync<SampleJob>(Queue, Visibility, TimeSpan.FromSeconds(1));

        Assert.Null(delivery);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(10));
    }

    [ContractFact]
    public async Task A_job_being_worked_on_is_not_handed_to_another_worker()
    {
        await Transport.SendAsync(Queue, new SampleJob("held", "", []));
        var held = await Transport.ReceiveAsync<SampleJob>(Queue, TimeSpan.FromSeconds(10), Wait);
        Assert.NotNull(held);

        await held.RenewAsync(TimeSpan.FromSeconds(10));
        var other = await OtherWorker.ReceiveAsync<SampleJob>(Queue, Visibility, TimeSpan.FromSeconds(2));

        Assert.Null(other);
        await held.CompleteAsync();
    }

    [ContractFact]
    public async Task Two_workers_receiving_at_once_get_different_jobs()
    {
        await Transport.SendAsync(Queue, new SampleJob("a", "", []));
        await Transport.SendAsync(Queue, new SampleJob("b", "", []));

        var both = await Task.WhenAll(
            Transport.ReceiveAsync<SampleJob>(Queue, Visibility, Wait),
            OtherWorker.ReceiveAsync<SampleJob>(Queue, Visibility, Wait));

        Assert.All(both, d => Assert.NotNull(d));
        Assert.Equal(["a", "b"], both.Select(d => d!.Job.Id).Order());
        foreach (var delivery in both)
        {
            await delivery!.CompleteAsync();
        }
    }

    [ContractFact]
    public async Task A_job_released_on_shutdown_is_delivered_again_at_once()
    {
        await Transport.SendAsync(Queue, new SampleJob("released", "", []));
        var first = await Transport.ReceiveAsync<SampleJob>(Queue, Visibility, Wait);
        Assert.NotNull(first);

        await first.AbandonAsync(TimeSpan.Zero);
        var again = await OtherWorker.ReceiveAsync<SampleJob>(Queue, Visibility, Wait);

        Assert.NotNull(again);
        Assert.Equal("released", again.Job.Id);
        await again.CompleteAsync();
    }

    [ContractFact]
    public async Task A_failed_attempt_comes_back_after_its_delay_counted_as_another_delivery()
    {
        await Transport.SendAsync(Queue, new SampleJob("retried", "", []));
        var first = await Transport.ReceiveAsync<SampleJob>(Queue, Visibility, Wait);
        Assert.NotNull(first);
        var clock = Stopwatch.StartNew();

        await first.AbandonAsync(TimeSpan.FromSeconds(1));
        var again = await OtherWorker.ReceiveAsync<SampleJob>(Queue, Visibility, Wait);

        Assert.NotNull(again);
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.9), $"came back after {clock.Elapsed}");
        Assert.Equal("retried", again.Job.Id);
        Assert.Equal(first.DeliveryCount + 1, again.DeliveryCount);
        await again.CompleteAsync();
    }

    [ContractFact]
    public async Task A_dead_lettered_job_never_comes_back()
    {
        await Transport.SendAsync(Queue, new SampleJob("bad", "", []));
        var delivery = await Transport.ReceiveAsync<SampleJob>(Queue, TimeSpan.FromSeconds(10), Wait);
        Assert.NotNull(delivery);

        await delivery.DeadLetterAsync("shot 2 image is missing");

        Assert.Null(await OtherWorker.ReceiveAsync<SampleJob>(Queue, Visibility, TimeSpan.FromSeconds(2)));
        await AssertDeadLetteredAsync(Queue, "shot 2 image is missing");
    }

    [ContractFact]
    public async Task An_unreadable_message_is_dead_lettered_and_the_next_job_is_received()
    {
        await SendUnreadableAsync(Queue, "this is { not json");
        await Transport.SendAsync(Queue, new SampleJob("good", "", []));

        var delivery = await Transport.ReceiveAsync<SampleJob>(Queue, Visibility, Wait);

        Assert.NotNull(delivery);
        Assert.Equal("good", delivery.Job.Id);
        await delivery.CompleteAsync();
        Assert.Null(await OtherWorker.ReceiveAsync<SampleJob>(Queue, Visibility, TimeSpan.FromSeconds(1)));
        await AssertDeadLetteredAsync(Queue, "not a valid SampleJob");
    }

    [ContractFact]
    public async Task Settling_a_delivery_twice_is_refused_or_harmless_and_never_resends_the_job()
    {
        await Transport.SendAsync(Queue, new SampleJob("once", "", []));
        var delivery = await Transport.ReceiveAsync<SampleJob>(Queue, Visibility, Wait);
        Assert.NotNull(delivery);
        await delivery.CompleteAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => delivery.CompleteAsync());

        Assert.Null(await OtherWorker.ReceiveAsync<SampleJob>(Queue, Visibility, TimeSpan.FromSeconds(1)));
    }

    /// <summary>Where the transport's broker keeps dead letters readable, checks the reason is there.</summary>
    protected abstract Task AssertDeadLetteredAsync(string queue, string reasonPart);

    public sealed record SampleJob(string Id, string Text, IReadOnlyList<int> Numbers);
}
