namespace Serverless.Durable;

/// <summary>Filter for listing instances; pass the returned continuation token to get the next page.</summary>
public sealed record InstanceQuery(
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    string? InstanceIdPrefix = null,
    int PageSize = 100,
    string? ContinuationToken = null,
    bool FetchInputsAndOutputs = false);

public sealed record InstanceQueryResult(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);
