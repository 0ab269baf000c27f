namespace Serverless.Durable;

/// <summary>The management URLs of one instance, in the shape Durable Functions returns them.</summary>
public sealed record HttpManagementPayload(
    string Id,
    Uri StatusQueryGetUri,
    string SendEventPostUri,
    Uri TerminatePostUri,
    Uri PurgeHistoryDeleteUri);
