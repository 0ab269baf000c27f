using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Serverless.Contracts;

namespace Serverless.Functions.Hosting;

/// <summary>
/// The app as the Functions host runs it: the isolated worker with ASP.NET Core integration, the application's
/// services, and the <see cref="ApiGate"/> as worker middleware in front of every HTTP function.
/// </summary>
public static class FunctionsWorker
{
    public static IHost Build(string[] args)
    {
        var worker = FunctionsApplication.CreateBuilder(args);
        worker.ConfigureFunctionsWebApplication();
        worker.Services.AddApplicationServices(worker.Configuration);
        // Orchestration and activity payloads in the task hub are JobJson (snake_case), as the task hub client writes them.
        worker.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(JobJson.Options));
        worker.UseMiddleware<ApiGateMiddleware>();
        return worker.Build();
    }
}
