using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using Serverless.Contracts;
using Serverless.Worker.Configuration;
using Serverless.Worker.Jobs;
using Serverless.Worker.Transport;

namespace Serverless.Worker.Tests.Transport;

/// <summary>
/// The Service Bus receiver's handling of one message, with the worker's real listener deciding the outcome. There is
/// no Service Bus emulator here: messages come from <see cref="ServiceBusModelFactory"/>, and settlement lands on a
/// mocked <see cref="ServiceBusReceiver"/>, which <see cref="ProcessMessageEventArgs"/> calls as the processor's would.
/// </summary>
public sealed class ServiceBusReceiverTests
{
    private const int MaxDeliveries = 5;
    private readonly Mock<ServiceBusReceiver> _receiver = new();
    private readonly List<SampleJob> _handled = [];

    [Fact]
    public async Task A_good_message_is_handed_to_the_handler_and_completed()
    {
        var message = Message(new SampleJob("job-1", "渲染"));

        await ProcessAsync(message, _ => Settlement.Complete);

        Assert.Equal("渲染", Assert.Single(_handled).Text);
        _receiver.Verify(r => r.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        Assert.DoesNotContain(_receiver.Invocations, i => i.Method.Name is nameof(ServiceBusReceiver.AbandonMessageAsync) or nameof(ServiceBusReceiver.DeadLetterMessageAsync));
    }

    [Fact]
    public async Task A_failing_attempt_is_abandoned_for_another_delivery()
    {
        var message = Message(new SampleJob("job-2", ""), deliveryCount: 2);

        await ProcessAsync(message, _ => throw new IOException("the disk is full"));

        Assert.Single(_handled);
        Assert.Contains(_receiver.Invocations, i => i.Method.Name == nameof(ServiceBusReceiver.AbandonMessageAsync) && i.Arguments[0] == message);
        _receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task A_job_that_can_never_succeed_is_dead_lettered_with_its_reason()
    {
        var message = Message(new SampleJob("job-3", ""));

        await ProcessAsync(message, _ => Settlement.DeadLetter("shot 2 image is missing"));

        var (reason, description) = DeadLettered(message);
        Assert.Equal(ReceiverRefusals.JobRefused, reason);
        Assert.Equal("shot 2 image is missing", description);
    }

    [Fact]
    public async Task An_unreadable_message_is_dead_lettered_with_the_reason_and_never_handed_out()
    {
        var message = ServiceBusModelFactory.ServiceBusReceivedMessage(body: BinaryData.FromString("this is { not json"), messageId: "broken", deliveryCount: 1);

        await ProcessAsync(message, _ => Settlement.Complete);

        Assert.Empty(_handled);
        var (reason, description) = DeadLettered(message);
        Assert.Equal(ReceiverRefusals.Unreadable, reason);
        Assert.Contains("not a valid SampleJob", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_delivered_more_often_than_the_workers_bound_is_dead_lettered_unseen()
    {
        var message = Message(new SampleJob("job-4", ""), deliveryCount: MaxDeliveries + 1);

        await ProcessAsync(message, _ => Settlement.Complete);

        Assert.Empty(_handled);
        var (reason, description) = DeadLettered(message);
        Assert.Equal(ReceiverRefusals.TooManyDeliveries, reason);
        Assert.Contains($"Delivered {MaxDeliveries + 1} times", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_job_running_when_the_processor_drains_is_handed_back()
    {
        var message = Message(new SampleJob("job-5", ""));
        using var drain = new CancellationTokenSource();

        await ProcessAsync(message, _ =>
        {
            drain.Cancel();
            drain.Token.ThrowIfCancellationRequested();
            return Settlement.Complete;
        }, drain.Token);

        Assert.Contains(_receiver.Invocations, i => i.Method.Name == nameof(ServiceBusReceiver.AbandonMessageAsync));
        _receiver.Verify(r => r.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private static ServiceBusReceivedMessage Message(SampleJob job, int deliveryCount = 1) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: BinaryData.FromObjectAsJson(job, JobJson.Options), messageId: job.Id, deliveryCount: deliveryCount, lockTokenGuid: Guid.NewGuid());

    /// <summary>
    /// Runs the message through the Service Bus receiver into the real <see cref="JobQueueListener{TJob}"/>: the listener
    /// hands its reception to a stand-in receiver when it starts, and the processor's callback is invoked with it.
    /// </summary>
    private async Task ProcessAsync(ServiceBusReceivedMessage message, Func<SampleJob, Settlement> handle, CancellationToken processorToken = default)
    {
        var options = Options.Create(new WorkerOptions { MaxDeliveries = MaxDeliveries, RetryDelay = TimeSpan.Zero });
        var started = new TaskCompletionSource<JobReception<SampleJob>>(TaskCreationOptions.RunContinuationsAsynchronously);
        var starting = new Mock<IJobReceiver>();
        starting.Setup(r => r.RunAsync(It.IsAny<JobReception<SampleJob>>(), It.IsAny<CancellationToken>()))
            .Callback((JobReception<SampleJob> r, CancellationToken _) => started.TrySetResult(r))
            .Returns(Task.CompletedTask);
        await using var services = new ServiceCollection().BuildServiceProvider();
        using var listener = new SampleListener(starting.Object, services.GetRequiredService<IServiceScopeFactory>(), options.Value, job =>
        {
            _handled.Add(job);
            return handle(job);
        });
        await listener.StartAsync(CancellationToken.None);
        // The host runs ExecuteAsync off the starting thread.
        var reception = await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        var serviceBus = new ServiceBusJobReceiver(
            Mock.Of<ServiceBusClient>(), options, Options.Create(new TransportOptions()), TimeProvider.System, NullLogger<ServiceBusJobReceiver>.Instance);
        await serviceBus.ProcessAsync(new ProcessMessageEventArgs(message, _receiver.Object, processorToken), reception);
        await listener.StopAsync(CancellationToken.None);
    }

    private (string? Reason, string? Description) DeadLettered(ServiceBusReceivedMessage message)
    {
        var call = Assert.Single(_receiver.Invocations, i => i.Method.Name == nameof(ServiceBusReceiver.DeadLetterMessageAsync));
        Assert.Same(message, call.Arguments[0]);
        var texts = call.Arguments.OfType<string>().ToList();
        return (texts.ElementAtOrDefault(0), texts.ElementAtOrDefault(1));
    }

    public sealed record SampleJob(string Id, string Text);

    private sealed class SampleListener(IJobReceiver receiver, IServiceScopeFactory scopes, WorkerOptions settings, Func<SampleJob, Settlement> handle)
        : JobQueueListener<SampleJob>(receiver, scopes, settings, new WorkerActivity(TimeProvider.System), NullLogger.Instance)
    {
        protected override string Queue => "render-jobs";

        protected override int Slots => 1;

        protected override string JobIdOf(SampleJob job) => job.Id;

        protected override Task<Settlement> HandleAsync(IServiceProvider services, SampleJob job, long deliveryCount, CancellationToken cancellationToken) =>
            Task.FromResult(handle(job));
    }
}
