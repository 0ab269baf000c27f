using Microsoft.AspNetCore.Hosting;

namespace Serverless.Functions.Tests.Projects;

/// <summary>
/// The app with the engine running, a generous rate limit and a short
/// storyboard-approval timeout, so both sides of approval are seen in one run.
/// </summary>
public sealed class ProjectsAppFactory : StudioAppFactory
{
    public static readonly TimeSpan ApprovalTimeout = TimeSpan.FromSeconds(25);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Studio:ApprovalTimeout", ApprovalTimeout.ToString());
        builder.UseSetting("Auth:RateLimit:TokenLimit", "100000");
        builder.UseSetting("Auth:RateLimit:TokensPerPeriod", "1000");
        builder.UseSetting("Auth:RateLimit:AnonymousPermitsPerWindow", "10000");
    }
}
