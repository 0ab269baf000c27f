namespace Serverless.Functions.Hosting;

/// <summary>
/// Whether this process was started by the Azure Functions host as its worker. The host sets
/// <c>FUNCTIONS_WORKER_RUNTIME</c> (<c>dotnet-isolated</c>) in its worker's environment and passes the worker its
/// gRPC endpoint and id on the command line (<c>--functions-uri</c> and <c>--functions-worker-id</c>, or
/// <c>--host</c>/<c>--port</c> and <c>--workerId</c> from older hosts). Either means: run as the isolated worker;
/// neither: serve the functions with the local runner.
/// </summary>
public static class FunctionsHost
{
    public const string WorkerRuntimeVariable = "FUNCTIONS_WORKER_RUNTIME";

    public static bool IsPresent(string[] args) =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(WorkerRuntimeVariable))
        || args.Any(a => a.StartsWith("--functions-worker-id", StringComparison.OrdinalIgnoreCase) || a.StartsWith("--workerId", StringComparison.OrdinalIgnoreCase));
}
