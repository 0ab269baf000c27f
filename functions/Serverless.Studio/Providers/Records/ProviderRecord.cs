namespace Serverless.Studio.Providers.Records;

/// <summary>The models a provider serves, per capability.</summary>
public sealed record ProviderModels(IReadOnlyList<string> Chat, IReadOnlyList<string> Image, IReadOnlyList<string> Speech)
{
    public static readonly ProviderModels None = new([], [], []);

    public IReadOnlyList<string> For(string capability) => capability switch
    {
        ProviderCapabilities.Chat => Chat,
        ProviderCapabilities.Image => Image,
        ProviderCapabilities.Speech => Speech,
        _ => [],
    };
}

/// <summary>Prices in USD: per image, per 1,000 characters of speech, per 1,000 chat tokens in and out.</summary>
public sealed record ProviderPrices(decimal? Image, decimal? SpeechPer1kChars, decimal? ChatInputPer1kTokens, decimal? ChatOutputPer1kTokens)
{
    public static readonly ProviderPrices None = new(null, null, null, null);
}

/// <summary>
/// A user's own AI provider, stored in <c>providers</c>, partitioned by user. The API key is kept only as data
/// protection ciphertext bound to the owner (<see cref="ProviderKeyProtector"/>) and its last four characters.
/// </summary>
public sealed record ProviderRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Kind { get; init; }
    public required string Name { get; init; }
    public required string BaseUrl { get; init; }
    public required string ProtectedApiKey { get; init; }
    public required string ApiKeyLast4 { get; init; }
    public required ProviderModels Models { get; init; }

    /// <summary>Lower goes first among the user's providers of a capability.</summary>
    public required int Priority { get; init; }

    public required ProviderPrices Prices { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }
}
