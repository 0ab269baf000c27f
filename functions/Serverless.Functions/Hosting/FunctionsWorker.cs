using Microsoft.Azure.Functions.Worker.Builder;

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
        worker.UseMiddleware<ApiGateMiddleware>();
        return worker.Build();
    }
}
