using Serverless.Durable.Messaging;

namespace Serverless.Durable.Backend;

/// <summary>A message as taken off a queue; the dequeue count is what poison detection looks at.</summary>
internal sealed record ReceivedMessage(TaskMessage Message, int DequeueCount);
