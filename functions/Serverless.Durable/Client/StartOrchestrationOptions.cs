namespace Serverless.Durable;

public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
