namespace Serverless.Studio.Providers.Usage;

/// <summary>A user's running totals with one provider.</summary>
public sealed record UsageTotals(
    string UserId,
    string Provider,
    long Calls,
    long Failures,
    long InputTokens,
    long OutputTokens,
    long Images,
    double AudioSeconds);
