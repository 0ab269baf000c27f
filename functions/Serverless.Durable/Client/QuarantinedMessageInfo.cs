namespace Serverless.Durable;

/// <summary>A poison message moved to quarantine: which instance, which message, why, and what it carried.</summary>
public sealed record QuarantinedMessageInfo(string InstanceId, string MessageId, string Reason, string Event);
