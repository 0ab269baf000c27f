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

    /// <summary>
    /// What <paramref name="sample"/> of <paramref name="capability"/> costs: images, characters of speech or tokens of
    /// chat. Exact decimals: money is rounded to the cent only where it is shown.
    /// </summary>
    public Charge ChargeFor(string capability, Usage.UsageSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        switch (capability)
        {
            case ProviderCapabilities.Image:
                return Charge.Of(sample.Images, Image ?? 0);
            case ProviderCapabilities.Speech:
                return Charge.Of(sample.Characters, (SpeechPer1kChars ?? 0) / 1000);
            case ProviderCapabilities.Chat:
                var tokens = sample.InputTokens + sample.OutputTokens;
                var cost = (sample.InputTokens * (ChatInputPer1kTokens ?? 0) + sample.OutputTokens * (ChatOutputPer1kTokens ?? 0)) / 1000;

                // Two prices for one count of units: the ledger keeps the blend, the cost stays exact.
                return new Charge(tokens, tokens == 0 ? 0 : cost / tokens, cost);
            case ProviderCapabilities.Transcription:
                // Counted in audio minutes; only the operator transcribes, at no charge to the user.
                return Charge.Of(Math.Round((decimal)sample.AudioSeconds / 60, 3), 0);
            default:
                return Charge.Free;
        }
    }
}

/// <summary>A call's price: units (images, characters, tokens), USD per unit, and their product.</summary>
public sealed record Charge(decimal Units, decimal UnitPrice, decimal Cost)
{
    public static readonly Charge Free = new(0, 0, 0);

    public static Charge Of(decimal units, decimal unitPrice) => new(units, unitPrice, units * unitPrice);
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
