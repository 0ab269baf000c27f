using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serverless.Durable;
using Serverless.Durable.TestHost;

// Usage: Serverless.Durable.TestHost CONNECTION HUB SIDE_EFFECT_DIR
// Runs a durable worker until killed. Prints "ready" once the worker is started.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: Serverless.Durable.TestHost CONNECTION HUB SIDE_EFFECT_DIR");
    return 2;
}

var (connection, hub, sideEffects) = (args[0], args[1], args[2]);
var builder = Host.CreateApplicationBuilder();
builder.Logging.ClearProviders().AddSimpleConsole(o => o.TimestampFormat = "HH:mm:ss.fff ").SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new SideEffectLog(Path.Combine(sideEffects, $"effects-{Environment.ProcessId}.log")));
builder.Services.AddDurableTask(durable =>
{
    durable.AddOrchestrator<CrashWorkload>().AddActivity<RecordedStep>();
    durable.UseAzureStorage(o =>
    {
        o.ConnectionString = connection;
        o.TaskHubName = hub;
        o.PartitionCount = 4;
        o.ControlQueueVisibilityTimeout = TimeSpan.FromSeconds(5);
        o.WorkItemVisibilityTimeout = TimeSpan.FromSeconds(5);
        o.PartitionLeaseDuration = TimeSpan.FromSeconds(4);
        o.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
    });
});
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
return 0;
