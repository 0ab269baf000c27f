namespace Serverless.Studio.Providers.Records;

/// <summary>The models of a request; on an edit, a capability left out keeps its models.</summary>
public sealed record ProviderModelsDraft(IReadOnlyList<string>? Chat, IReadOnlyList<string>? Image, IReadOnlyList<string>? Speech);

/// <summary>
/// A provider as a user sends it. On create, kind, name, base_url, api_key and at least one model are required; on
/// an edit, whatever is left out stays as it was (prices, when sent, replace the prices).
/// </summary>
public sealed record ProviderDraft(
    string? Kind,
    string? Name,
    string? BaseUrl,
    string? ApiKey,
    ProviderModelsDraft? Models,
    int? Priority,
    ProviderPrices? Prices);
