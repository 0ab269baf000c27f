namespace Serverless.Studio.Providers.Usage;

/// <summary>What one provider call consumed: tokens (chat), pictures, seconds of audio and the characters spoken.</summary>
public sealed record UsageSample(long InputTokens = 0, long OutputTokens = 0, int Images = 0, double AudioSeconds = 0, long Characters = 0)
{
    public static readonly UsageSample None = new();
}
