using System.Text.Json.Serialization;
using Serverless.Studio.Providers.Records;

namespace Serverless.Functions.Providers;

/// <summary>The models of a provider body, per capability.</summary>
public sealed record ProviderModelsRequest(List<string>? Chat, List<string>? Image, List<string>? Speech);

/// <summary>
/// Prices in USD: per image, per 1,000 characters of speech, per 1,000 chat tokens in and out. Named explicitly:
/// the snake_case policy would write <c>speech_per1k_chars</c>.
/// </summary>
public sealed record ProviderPricesBody(
    decimal? Image,
    [property: JsonPropertyName("speech_per_1k_chars")] decimal? SpeechPer1kChars,
    [property: JsonPropertyName("chat_input_per_1k_tokens")] decimal? ChatInputPer1kTokens,
    [property: JsonPropertyName("chat_output_per_1k_tokens")] decimal? ChatOutputPer1kTokens)
{
    public ProviderPrices ToPrices() => new(Image, SpeechPer1kChars, ChatInputPer1kTokens, ChatOutputPer1kTokens);

    public static ProviderPricesBody Of(ProviderPrices p) => new(p.Image, p.SpeechPer1kChars, p.ChatInputPer1kTokens, p.ChatOutputPer1kTokens);
}

/// <summary>Body of <c>POST /api/v1/providers</c> and <c>PATCH /api/v1/providers/{id}</c> (where every field is optional).</summary>
public sealed record ProviderRequest(
    string? Kind,
    string? Name,
    string? BaseUrl,
    string? ApiKey,
    ProviderModelsRequest? Models,
    int? Priority,
    ProviderPricesBody? Prices)
{
    public ProviderDraft ToDraft() => new(
        Kind,
        Name,
        BaseUrl,
        ApiKey,
        Models is null ? null : new ProviderModelsDraft(Models.Chat, Models.Image, Models.Speech),
        Priority,
        Prices?.ToPrices());
}

/// <summary>A provider as answered: the key only as its last four characters.</summary>
public sealed record ProviderView(
    string ProviderId,
    string Kind,
    string Name,
    string BaseUrl,
    string ApiKeyLast4,
    ProviderModels Models,
    int Priority,
    ProviderPricesBody Prices,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static ProviderView Of(ProviderRecord p) =>
        new(p.Id, p.Kind, p.Name, p.BaseUrl, p.ApiKeyLast4, p.Models, p.Priority, ProviderPricesBody.Of(p.Prices), p.CreatedAt, p.UpdatedAt);
}

/// <summary>A removed provider.</summary>
public sealed record ProviderDeleted(string ProviderId, bool Deleted);

/// <summary>Answer of <c>GET /api/v1/models/{capability}</c>: what the user's calls may use, in the order they are tried.</summary>
public sealed record ModelList(string Capability, IReadOnlyList<UsableModel> Items);
