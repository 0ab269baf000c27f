namespace Serverless.Durable.Messaging;

internal enum MessageDestination
{
    Orchestration,
    Activity,
}

/// <summary>A message an episode decided to send; <see cref="VisibleAt"/> delays delivery (durable timers).</summary>
internal sealed record OutboundMessage(TaskMessage Message, MessageDestination Destination, DateTime? VisibleAt = null);
