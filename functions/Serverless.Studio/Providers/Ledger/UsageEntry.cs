namespace Serverless.Studio.Providers.Ledger;

/// <summary>
/// One provider call in the usage ledger (Cosmos container <c>ledger</c>, partitioned by <c>/userId</c>). Money in
/// USD, exact; <see cref="Day"/> and <see cref="Month"/> (UTC) let a period be summed inside the user's partition.
/// </summary>
public sealed record UsageEntry
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string ProjectId { get; init; }
    public required string TaskId { get; init; }

    /// <summary>A user's provider id, <c>azure-openai</c> or <c>offline</c>.</summary>
    public required string Provider { get; init; }
    public required string Model { get; init; }

    /// <summary>A <see cref="Records.ProviderCapabilities"/> name.</summary>
    public required string Capability { get; init; }

    /// <summary>Images, characters of speech or chat tokens.</summary>
    public required decimal Units { get; init; }
    public required decimal UnitPrice { get; init; }
    public required decimal Cost { get; init; }

    /// <summary>Answered from the content-addressed cache: nothing was paid.</summary>
    public required bool Cached { get; init; }

    /// <summary>Answered by a provider other than the first one tried.</summary>
    public required bool Fallback { get; init; }

    /// <summary>The provider failed this call; it costs nothing.</summary>
    public required bool Failed { get; init; }

    public required DateTimeOffset At { get; init; }
    public required string Day { get; init; }
    public required string Month { get; init; }
}
