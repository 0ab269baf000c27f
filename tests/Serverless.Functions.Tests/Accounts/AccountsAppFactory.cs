using Microsoft.AspNetCore.Hosting;

namespace Serverless.Functions.Tests.Accounts;

/// <summary>
/// The app with small plan quotas and an operator key, engine stopped (videos are scheduled, not run). Rate limits
/// are set high here so only <see cref="RateLimitedAppFactory"/> meets them.
/// </summary>
public class AccountsAppFactory : StudioAppFactory
{
    public const int FreeVideosPerMonth = 2;

    protected override bool DurableEngineRuns => false;

    protected virtual int UserTokenLimit => 10_000;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Accounts:Plans:free:VideosPerMonth", FreeVideosPerMonth.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Auth:RateLimit:TokenLimit", UserTokenLimit.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Auth:RateLimit:TokensPerPeriod", "1");
        builder.UseSetting("Auth:RateLimit:ReplenishmentPeriod", "00:01:00");
        builder.UseSetting("Auth:RateLimit:AnonymousPermitsPerWindow", "10000");
    }
}

/// <summary>A user may burst three requests, then one a minute.</summary>
public sealed class RateLimitedAppFactory : AccountsAppFactory
{
    public const int Burst = 3;

    protected override int UserTokenLimit => Burst;
}
