using Microsoft.Azure.Functions.Worker.Core.FunctionMetadata;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Api;
using Serverless.Functions.Hosting;

namespace Serverless.Functions.Tests.Hosting;

/// <summary>
/// The worker the Functions host would start (the host itself cannot run here): its services build, its gate
/// resolves, and the worker indexes the same functions the catalog and the local runner know.
/// </summary>
public sealed class FunctionsWorkerTests
{
    [Fact]
    public async Task The_worker_builds_with_the_gate_and_indexes_every_function_of_the_catalog()
    {
        using var host = FunctionsWorker.Build(["--environment", "Development"]);

        Assert.NotNull(host.Services.GetRequiredService<ApiGate>());
        Assert.NotNull(ActivatorUtilities.CreateInstance<ApiGateMiddleware>(host.Services));
        var indexed = await host.Services.GetRequiredService<IFunctionMetadataProvider>().GetFunctionMetadataAsync(AppContext.BaseDirectory);
        Assert.Equal(
            FunctionCatalog.ForApp.Functions.Select(f => f.Name).Order(StringComparer.Ordinal),
            indexed.Select(f => f.Name!).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "--functions-uri", "http://127.0.0.1:50051", "--functions-worker-id", "w1" }, true)]
    [InlineData(new[] { "--host", "127.0.0.1", "--port", "50051", "--workerId", "w1" }, true)]
    [InlineData(new[] { "--urls", "http://127.0.0.1:7071" }, false)]
    public void The_host_is_recognised_by_the_arguments_it_starts_its_worker_with(string[] args, bool underHost)
    {
        if (Environment.GetEnvironmentVariable(FunctionsHost.WorkerRuntimeVariable) is { Length: > 0 })
        {
            return; // the variable alone means "under the host"; the arguments cannot be told apart here
        }

        Assert.Equal(underHost, FunctionsHost.IsPresent(args));
    }
}
