namespace Serverless.Studio.Providers.Fallback;

/// <summary>A provider that was tried before the one that answered, and why it did not.</summary>
public sealed record PassedOver(string Provider, string Reason);

/// <summary>A provider's result, the name of the provider that made it (<see cref="ProviderNames"/> or a user's provider id) and who was passed over.</summary>
public sealed record Provided<T>(T Value, string Provider)
{
    public IReadOnlyList<PassedOver> PassedOver { get; init; } = [];
}
