using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Serverless.Functions.Api;

namespace Serverless.Functions.Hosting;

/// <summary>Under the Functions host: every HTTP function's invocation goes through the <see cref="ApiGate"/>.</summary>
public sealed class ApiGateMiddleware(ApiGate gate) : IFunctionsWorkerMiddleware
{
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.GetHttpContext();
        var function = FunctionCatalog.ForApp.Find(context.FunctionDefinition.Name);
        if (http is null || function?.Http is null)
        {
            return next(context);
        }

        return gate.InvokeAsync(http, function, () => next(context));
    }
}
