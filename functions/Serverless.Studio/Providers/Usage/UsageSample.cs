namespace Serverless.Studio.Providers.Usage;

/// <summary>What one provider call consumed: tokens (chat), pictures, seconds of audio.</summary>
public sealed record UsageSample(long InputTokens = 0, long OutputTokens = 0, int Images = 0, double AudioSeconds = 0)
{
    public static readonly UsageSample None = new();
}
