using System.Security.Cryptography;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Serverless.Functions.Tests;

/// <summary>
/// The app in-process against the local stack (Azurite, cosmosdb-server), with a Cosmos database and task hub of
/// its own so runs never share state.
/// </summary>
public class StudioAppFactory : WebApplicationFactory<Program>
{
    public string RunId { get; } = "fn" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));

    /// <summary>The key this app signs access tokens with, so tests can forge and expire tokens of their own.</summary>
    public string JwtSigningKey { get; } = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    /// <summary>The operator's configured API key (admin), e.g. for <c>/metrics</c>.</summary>
    public string OperatorKey { get; } = "sk_operator_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public string OperatorUserId => "operator-" + RunId;

    /// <summary>Whether the Durable Task Framework's worker runs here (it creates the task hub and drains its queues).</summary>
    protected virtual bool DurableEngineRuns => true;

    /// <summary>
    /// The queue this app sends render jobs to: never the default one, which the worker of <c>dev.sh up</c> and
    /// <c>dev.sh demo</c> takes jobs from (a test's job left there would be rendered, and retried, by the demo).
    /// </summary>
    public virtual string RenderQueue => "render-" + RunId;

    /// <summary>The queue this app sends footage jobs to: its own, for the same reason as <see cref="RenderQueue"/>.</summary>
    public string FootageQueue => "footage-" + RunId;

    /// <summary>The queue this app takes workers' results from: its own, as its jobs are its own.</summary>
    public string ResultsQueue => "results-" + RunId;

    /// <summary>Whether this app alone uses <see cref="RenderQueue"/>, so it is deleted with the app.</summary>
    protected virtual bool OwnsRenderQueue => true;

    public override async ValueTask DisposeAsync()
    {
        if (OwnsRenderQueue)
        {
            var queues = new QueueServiceClient(LocalStack.StorageConnectionString);
            await queues.GetQueueClient(RenderQueue).DeleteIfExistsAsync();
            await queues.GetQueueClient(RenderQueue + "-poison").DeleteIfExistsAsync();
            await queues.GetQueueClient(ResultsQueue).DeleteIfExistsAsync();
            await queues.GetQueueClient(FootageQueue).DeleteIfExistsAsync();
            await queues.GetQueueClient(ResultsQueue + "-poison").DeleteIfExistsAsync();
        }

        await base.DisposeAsync();
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Storage:ConnectionString", LocalStack.StorageConnectionString);
        builder.UseSetting("Cosmos:Database", RunId);
        builder.UseSetting("Durable:TaskHub", RunId);
        builder.UseSetting("Auth:Jwt:SigningKey", JwtSigningKey);
        builder.UseSetting("Auth:ApiKeys:0:Key", OperatorKey);
        builder.UseSetting("Auth:ApiKeys:0:UserId", OperatorUserId);
        builder.UseSetting("Studio:RenderQueue", RenderQueue);
        builder.UseSetting("Studio:ResultsQueue", ResultsQueue);
        builder.UseSetting("Footage:JobQueue", FootageQueue);
        // The trigger listeners watch shared blob containers; only the tests of triggers turn them on, on their own containers.
        builder.UseSetting("Uploads:PollEnabled", "false");
        builder.UseSetting("Catalog:TimerEnabled", "false");
        // Readiness tests watch a dependency come and go; the security tests check the cache on their own app.
        builder.UseSetting("Readiness:CacheFor", "00:00:00");
        // Tests of other features start many tasks at once as one user; the security tests put the plan's cap back.
        builder.UseSetting("Accounts:Plans:free:MaxRunningTasks", "1000");
        // New accounts start where verified ones are, so tests of other features need no verification; SignUpAttackTests put it back.
        builder.UseSetting("Accounts:UnverifiedPlan", "free");
        if (!DurableEngineRuns)
        {
            builder.ConfigureTestServices(services =>
            {
                var worker = services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Name == "TaskHubWorkerService");
                services.Remove(worker);
            });
        }
    }
}

/// <summary>The app without the engine, so queues keep what functions put there.</summary>
public sealed class EngineStoppedAppFactory : StudioAppFactory
{
    protected override bool DurableEngineRuns => false;
}

/// <summary>One app with the engine running, shared by the tests that only read from it.</summary>
[CollectionDefinition(Collection)]
public sealed class StudioApp : ICollectionFixture<StudioAppFactory>
{
    public const string Collection = "studio app";
}
