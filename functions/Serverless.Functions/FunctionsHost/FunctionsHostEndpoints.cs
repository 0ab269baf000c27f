using System.Text.Json;

namespace Serverless.Functions.FunctionsHost;

public static class FunctionsHostEndpoints
{
    /// <summary>Set to map the invocation endpoints without the Functions host (tests); the host sets FUNCTIONS_CUSTOMHANDLER_PORT.</summary>
    public const string EnabledSetting = "FunctionsHost:Enabled";

    public static IServiceCollection AddFunctionsHost(this IServiceCollection services) =>
        services.AddSingleton<DurableQueueRelay>();

    /// <summary>
    /// <c>POST /{FunctionName}</c> for every non-HTTP function. Mapped only under the Functions host (which reaches
    /// the app on 127.0.0.1): standalone, these would let any caller put messages on the engine's queues.
    /// </summary>
    public static WebApplication MapFunctionsHost(this WebApplication app)
    {
        var enabled = app.Configuration.GetValue<bool?>(EnabledSetting)
            ?? !string.IsNullOrEmpty(app.Configuration["FUNCTIONS_CUSTOMHANDLER_PORT"]);
        if (!enabled)
        {
            return app;
        }

        var group = app.MapGroup("").AllowAnonymous().ExcludeFromDescription();
        Map(group, FunctionNames.IncomingScript, (invocation, http, cancellation) => IncomingScriptFunction.HandleAsync(
            invocation, http.RequestServices.GetRequiredService<Serverless.Studio.Uploads.IncomingScriptProcessor>(), Logger(http, FunctionNames.IncomingScript), cancellation));
        Map(group, FunctionNames.CatalogRefresh, (invocation, http, cancellation) => CatalogRefreshFunction.HandleAsync(
            invocation, http.RequestServices.GetRequiredService<Serverless.Studio.Catalog.CatalogRefreshSingleton>(), Logger(http, FunctionNames.CatalogRefresh), cancellation));
        foreach (var name in FunctionNames.DurableControl.Append(FunctionNames.DurableWorkItems))
        {
            Map(group, name, (invocation, http, cancellation) =>
                http.RequestServices.GetRequiredService<DurableQueueRelay>().HandBackAsync(name, invocation, cancellation));
        }

        return app;
    }

    private static void Map(RouteGroupBuilder group, string name, Func<FunctionInvocation, HttpContext, CancellationToken, Task<FunctionInvocationResult>> handler) =>
        group.MapPost("/" + name, async (HttpContext http) =>
        {
            FunctionInvocationResult result;
            try
            {
                var invocation = await http.Request.ReadFromJsonAsync<FunctionInvocation>(FunctionsHostJson.Options, http.RequestAborted)
                    ?? throw new FunctionInvocationException("The invocation body is empty.");
                result = await handler(invocation, http, http.RequestAborted);
            }
            catch (Exception e) when (e is FunctionInvocationException or JsonException)
            {
                // A non-success status fails the invocation in the host (and retries it); the logs say why.
                return Results.Json(FunctionInvocationResult.Done(null, $"{name}: {e.Message}"), FunctionsHostJson.Options, statusCode: StatusCodes.Status400BadRequest);
            }

            return Results.Json(result, FunctionsHostJson.Options);
        }).WithName(name);

    private static ILogger Logger(HttpContext http, string name) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Serverless.Functions." + name);
}
