using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting;

namespace Serverless.Functions.Tests.Triggers;

/// <summary>
/// The app with two users, blob containers of its own and a shrunk webhook retry schedule. Several instances built
/// with the same <see cref="Shared"/> act as several hosts (or one host restarted) on one database and task hub.
/// </summary>
public sealed class TriggerAppFactory : StudioAppFactory
{
    private readonly bool _poll;
    private readonly bool _allowLoopback;
    private readonly string? _seedFolder;

    /// <summary>A fresh run (the class fixture's constructor: xunit wants exactly one public one).</summary>
    public TriggerAppFactory()
        : this(null)
    {
    }

    internal TriggerAppFactory(TriggerRun? shared, bool poll = false, bool allowLoopback = true, string? seedFolder = null)
    {
        Shared = shared ?? new TriggerRun();
        _poll = poll;
        _allowLoopback = allowLoopback;
        _seedFolder = seedFolder;
    }

    public TriggerRun Shared { get; }

    /// <summary>One render queue for all the hosts of a run.</summary>
    public override string RenderQueue => "render-" + Shared.Id;

    protected override bool OwnsRenderQueue => false;

    public HttpClient ClientFor(string apiKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        var run = Shared;
        builder.UseSetting("Cosmos:Database", run.Id);
        builder.UseSetting("Durable:TaskHub", run.Id);
        builder.UseSetting("Auth:ApiKeys:0:Key", run.KeyA);
        builder.UseSetting("Auth:ApiKeys:0:UserId", run.UserA);
        builder.UseSetting("Auth:ApiKeys:1:Key", run.KeyB);
        builder.UseSetting("Auth:ApiKeys:1:UserId", run.UserB);
        builder.UseSetting("Uploads:Container", run.IncomingContainer);
        builder.UseSetting("Uploads:PollEnabled", _poll ? "true" : "false");
        builder.UseSetting("Uploads:PollInterval", "00:00:00.200");
        builder.UseSetting("Uploads:MaxScriptBytes", "2000");
        builder.UseSetting("Footage:IncomingContainer", run.IncomingFootageContainer);
        builder.UseSetting("Catalog:Container", run.CatalogContainer);
        builder.UseSetting("Catalog:TimerEnabled", "false");
        if (_seedFolder is not null)
        {
            builder.UseSetting("Catalog:SeedFolder", _seedFolder);
        }

        builder.UseSetting("Webhooks:FirstRetryInterval", "00:00:01");
        builder.UseSetting("Webhooks:BackoffCoefficient", "2");
        builder.UseSetting("Webhooks:GiveUpAfter", "00:00:05");
        builder.UseSetting("Webhooks:AllowLoopback", _allowLoopback ? "true" : "false");
    }
}

/// <summary>Names shared by the hosts of one test: database, task hub, containers, users and their keys.</summary>
public sealed class TriggerRun
{
    public string Id { get; } = "tr" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
    public string UserA => Id + "-a";
    public string UserB => Id + "-b";
    public string KeyA { get; } = "sk_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string KeyB { get; } = "sk_test_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string IncomingContainer => "incoming-" + Id;
    public string IncomingFootageContainer => "incoming-footage-" + Id;
    public string CatalogContainer => "catalog-" + Id;
}
