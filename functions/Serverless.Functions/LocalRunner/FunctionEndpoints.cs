using Microsoft.AspNetCore.Http.Metadata;
using Serverless.Functions.Api;
using Serverless.Functions.Hosting;

namespace Serverless.Functions.LocalRunner;

/// <summary>
/// The local runner's HTTP side: one ASP.NET Core endpoint per HTTP function, on the path the Functions host would
/// give it (<see cref="FunctionDescriptor.Path"/>) and its methods, behind the same <see cref="ApiGate"/>. The
/// function's own attributes describe the endpoint: its name, its method (for the OpenAPI document's parameters),
/// its <see cref="ApiDocumentationAttribute"/>s and tags, and a <see cref="FunctionDescriptor"/> marking it as a function.
/// </summary>
public static class FunctionEndpoints
{
    public static IEndpointRouteBuilder MapFunctions(this IEndpointRouteBuilder routes, FunctionCatalog catalog)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        foreach (var function in catalog.Functions.Where(f => f.Http is not null))
        {
            FunctionInvoker.CheckBindable(function);
            if (!typeof(IResult).IsAssignableFrom(AnswerType(function)))
            {
                throw new InvalidOperationException($"Function {function.Name} must answer an IResult (or a Task of one) to be served locally.");
            }

            var endpoint = routes.MapMethods(function.Path!, function.HttpMethods, http => InvokeAsync(http, function))
                .WithName(function.Name)
                .WithMetadata(function, function.Method)
                .WithMetadata([.. function.Method.GetCustomAttributes(inherit: true).OfType<ITagsMetadata>()]);
            foreach (var documentation in function.Method.GetCustomAttributes(typeof(ApiDocumentationAttribute), inherit: true).Cast<ApiDocumentationAttribute>())
            {
                documentation.Describe(endpoint);
            }

            if (!function.Method.GetCustomAttributes(typeof(ApiDocumentationAttribute), inherit: true).Any())
            {
                endpoint.ExcludeFromDescription();
            }
        }

        return routes;
    }

    private static Task InvokeAsync(HttpContext http, FunctionDescriptor function) =>
        http.RequestServices.GetRequiredService<ApiGate>().InvokeAsync(http, function, async () =>
        {
            var answer = await FunctionInvoker.InvokeAsync(function, http.RequestServices, FunctionInput.ForHttp(http), http.RequestAborted);
            if (answer is IResult result)
            {
                await result.ExecuteAsync(http);
            }
        });

    private static Type AnswerType(FunctionDescriptor function)
    {
        var type = function.Method.ReturnType;
        return type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>))
            ? type.GetGenericArguments()[0]
            : type;
    }
}
