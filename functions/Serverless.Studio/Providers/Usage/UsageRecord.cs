namespace Serverless.Studio.Providers.Usage;

/// <summary>One call to a provider on behalf of a user; failed calls count too, with what they consumed (usually nothing).</summary>
public sealed record UsageRecord(string UserId, string Provider, string Capability, bool Succeeded, UsageSample Sample, DateTimeOffset At);
