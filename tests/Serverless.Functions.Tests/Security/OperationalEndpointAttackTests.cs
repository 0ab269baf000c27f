using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Security;

/// <summary>Readiness checks counted, and cached for a minute, so a flood of anonymous probes is visible as calls of ours.</summary>
public sealed class ReadinessCountedAppFactory : SecurityAppFactory
{
    private int _checks;

    public int Checks => Volatile.Read(ref _checks);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Readiness:CacheFor", "00:01:00");
        builder.ConfigureTestServices(services => services.AddHealthChecks().AddCheck("counted", () =>
        {
            Interlocked.Increment(ref _checks);
            return HealthCheckResult.Healthy();
        }));
    }
}

/// <summary>Metrics only on a port of their own.</summary>
public sealed class MetricsPortAppFactory : SecurityAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Metrics:Port", "9464");
    }
}

/// <summary>Anonymous callers on the operational endpoints: metrics name our services and tenants' hosts, readiness calls our backends.</summary>
public sealed class OperationalEndpointAttackTests(ReadinessCountedAppFactory app) : IClassFixture<ReadinessCountedAppFactory>
{
    [Fact]
    public async Task Metrics_answer_only_the_operator_key()
    {
        var client = app.CreateClient();
        await ApiClient.ExpectAsync(await client.GetAsync("/metrics"), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);

        var user = await ApiClient.RegisterAsync(client);
        await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/metrics", user.AccessToken)), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);
        await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/metrics", "sk_not_a_key_0123456789abcdef")), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);

        var scraped = await client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/metrics", app.OperatorKey));
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("# TYPE", await scraped.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_metrics_port_the_api_port_has_no_metrics_even_for_the_operator()
    {
        await using var ported = new MetricsPortAppFactory();
        var client = ported.CreateClient();

        await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/metrics", ported.OperatorKey)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_flood_of_readiness_probes_runs_the_checks_once()
    {
        var client = app.CreateClient();
        var before = app.Checks;

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => client.GetAsync("/api/readyz")));

        Assert.All(answers, a => Assert.NotEqual(HttpStatusCode.InternalServerError, a.StatusCode));
        Assert.InRange(app.Checks - before, 0, 1);
    }
}
