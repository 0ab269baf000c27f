namespace Serverless.Functions.Health;

public static class HealthApi
{
    /// <summary><c>/healthz</c>: the process is up and serving (the local stack waits for it).</summary>
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous().ExcludeFromDescription();
        return routes;
    }
}
