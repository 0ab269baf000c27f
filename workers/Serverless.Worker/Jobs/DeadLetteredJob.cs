using Serverless.Contracts.Rendering;

namespace Serverless.Worker.Jobs;

/// <summary>A job set aside on the dead-letter queue, with why, for an operator to inspect or resubmit.</summary>
public sealed record DeadLetteredJob(RenderJob Job, string Reason, long DeliveryCount, DateTimeOffset DeadLetteredAt);
