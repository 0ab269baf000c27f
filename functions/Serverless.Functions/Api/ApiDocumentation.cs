using Microsoft.OpenApi;

namespace Serverless.Functions.Api;

/// <summary>
/// The envelope as the OpenAPI document shows it for a given <c>data</c> type. Handlers answer through
/// <see cref="ApiResults"/>; this type only describes those answers.
/// </summary>
public sealed record ApiResponse<T>(int Code, string Message, T? Data, DateTimeOffset Timestamp, string RequestId);

/// <summary>A failure's envelope: no data, the code from the table and, for bad input, which field and why.</summary>
public sealed record ApiErrorResponse(int Code, string Message, object? Data, DateTimeOffset Timestamp, string RequestId, ApiFieldError? Error);

/// <summary>What every long step answers with 202: the task to follow.</summary>
public sealed record TaskStarted(string TaskId, string ProjectId, string StatusUrl);

/// <summary>One page of a list, as <see cref="PageRequest.Cut{T}"/> answers it.</summary>
public sealed record ApiPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

/// <summary>A whole (short, bounded) list and its length.</summary>
public sealed record ItemList<T>(IReadOnlyList<T> Items, int Total);

/// <summary>
/// Marks a POST, PUT or PATCH that reads no body, so the document's check can tell it from one whose body is
/// undocumented.
/// </summary>
public sealed record NoRequestBody;

/// <summary>Request and response schemas for the OpenAPI document, on the endpoints that answer in the envelope.</summary>
public static class ApiDocumentation
{
    /// <summary>200 (or <paramref name="status"/>) with <typeparamref name="T"/> as <c>data</c>.</summary>
    public static RouteHandlerBuilder Answers<T>(this RouteHandlerBuilder endpoint, int status = StatusCodes.Status200OK) =>
        endpoint.Produces<ApiResponse<T>>(status);

    /// <summary>202 with the task to follow.</summary>
    public static RouteHandlerBuilder StartsTask(this RouteHandlerBuilder endpoint) =>
        endpoint.Produces<ApiResponse<TaskStarted>>(StatusCodes.Status202Accepted);

    /// <summary>A JSON body of <typeparamref name="T"/>; <paramref name="optional"/> when it may be left out.</summary>
    public static RouteHandlerBuilder Takes<T>(this RouteHandlerBuilder endpoint, bool optional = false)
        where T : notnull =>
        endpoint.Accepts<T>(optional, "application/json");

    /// <summary>
    /// The 200 answer may also come as text in <paramref name="contentTypes"/> (chosen by the request). Added to the
    /// enveloped JSON answer rather than declared with <c>Produces</c>, which would replace it for the same status.
    /// </summary>
    public static RouteHandlerBuilder AlsoAnswersText(this RouteHandlerBuilder endpoint, params string[] contentTypes)
    {
        ArgumentNullException.ThrowIfNull(contentTypes);
        return endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var answer) == true && answer is OpenApiResponse ok)
            {
                ok.Content ??= new Dictionary<string, OpenApiMediaType>();
                foreach (var contentType in contentTypes)
                {
                    ok.Content[contentType] = new OpenApiMediaType { Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
                }
            }

            return Task.CompletedTask;
        });
    }

    /// <summary>A POST, PUT or PATCH whose request is the route alone.</summary>
    public static RouteHandlerBuilder TakesNoBody(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new NoRequestBody());

    /// <summary>The error answers an endpoint can give, each in the envelope.</summary>
    public static RouteHandlerBuilder Fails(this RouteHandlerBuilder endpoint, params int[] statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        foreach (var status in statuses)
        {
            endpoint.Produces<ApiErrorResponse>(status);
        }

        return endpoint;
    }

    /// <summary>400, 401 and 404: what every owned resource's endpoint can answer.</summary>
    public static RouteHandlerBuilder FailsOnOwnedResource(this RouteHandlerBuilder endpoint) =>
        endpoint.Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);
}
