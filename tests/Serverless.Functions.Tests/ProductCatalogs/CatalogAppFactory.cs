using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Hosting;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.ProductCatalogs;

/// <summary>
/// The accounts app with the engine running, as catalogs need it (pictures are fetched by an orchestration). A test
/// may give it a certificate to trust (its HTTPS server's) and the run of an earlier app to continue: the same Cosmos
/// database and task hub, as a restarted host finds them.
/// </summary>
public class CatalogAppFactory(X509Certificate2? trusted = null, string? continueRun = null, bool engineRuns = true) : AccountsAppFactory
{
    /// <summary>The database and task hub this app uses: its own, or the run it continues.</summary>
    public string DataRunId => continueRun ?? RunId;

    protected override bool DurableEngineRuns => engineRuns;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Cosmos:Database", DataRunId);
        builder.UseSetting("Durable:TaskHub", DataRunId);
        if (trusted is not null)
        {
            builder.UseSetting("Webhooks:TrustedCertificateThumbprints:0", HttpsFeedServer.Thumbprint(trusted));
        }
    }
}

/// <summary><see cref="CatalogAppFactory"/> as a class fixture: its own run, no certificate.</summary>
public sealed class CatalogApp() : CatalogAppFactory(null);
