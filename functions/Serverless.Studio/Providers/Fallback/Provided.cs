namespace Serverless.Studio.Providers.Fallback;

/// <summary>A provider's result and the name of the provider that made it (<see cref="ProviderNames"/>).</summary>
public sealed record Provided<T>(T Value, string Provider);
