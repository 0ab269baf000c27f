using Serverless.Functions;
using Serverless.Functions.Hosting;
using Serverless.Functions.LocalRunner;

if (FunctionsHost.IsPresent(args))
{
    // The Azure Functions isolated worker: the host calls the [Function] methods; the gate runs as worker middleware.
    FunctionsWorker.Build(args).Run();
}
else
{
    // No host: the local runner serves the same functions over ASP.NET Core and feeds their other triggers.
    var builder = WebApplication.CreateBuilder(args);
    builder.AddLocalRunner();
    var app = builder.Build();
    app.MapLocalRunner();
    app.Run();
}

/// <summary>Entry point, visible to the end-to-end tests.</summary>
public partial class Program;
