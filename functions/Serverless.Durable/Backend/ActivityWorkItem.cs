using Serverless.Durable.History;
using Serverless.Durable.Messaging;

namespace Serverless.Durable.Backend;

/// <summary>One activity to run, taken from the work-item queue.</summary>
internal class ActivityWorkItem(TaskMessage message, int dequeueCount)
{
    public TaskMessage Message { get; } = message;

    public int DequeueCount { get; } = dequeueCount;

    public TaskScheduledEvent Scheduled => (TaskScheduledEvent)Message.Event;
}
