using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.OpenApi;

namespace Serverless.Functions.Api;

/// <summary>
/// The envelope as the OpenAPI document shows it for a given <c>data</c> type. Functions answer through
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

/// <summary>
/// What a function tells the OpenAPI document about itself, attached to its <c>[Function]</c> method: the local
/// runner turns each into its endpoint's metadata (the Functions host serves no document).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public abstract class ApiDocumentationAttribute : Attribute
{
    public abstract void Describe(IEndpointConventionBuilder endpoint);
}

/// <summary>200 (or <c>status</c>) with <typeparamref name="T"/> as <c>data</c>.</summary>
public sealed class AnswersAttribute<T>(int status = StatusCodes.Status200OK) : ApiDocumentationAttribute
{
    public override void Describe(IEndpointConventionBuilder endpoint) =>
        endpoint.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiResponse<T>), ["application/json"]));
}

/// <summary>202 with the task to follow (<see cref="TaskStarted"/>, or <see cref="Data"/> where the task is not a project's).</summary>
public sealed class StartsTaskAttribute : ApiDocumentationAttribute
{
    public Type Data { get; init; } = typeof(TaskStarted);

    /// <remarks>Every task start is metered: 403 over the plan's quota, 429 with <c>Retry-After</c> past its running tasks.</remarks>
    public override void Describe(IEndpointConventionBuilder endpoint) =>
        endpoint.WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status202Accepted, typeof(ApiResponse<>).MakeGenericType(Data), ["application/json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiErrorResponse), ["application/json"]),
            new ProducesResponseTypeMetadata(StatusCodes.Status429TooManyRequests, typeof(ApiErrorResponse), ["application/json"]));
}

/// <summary>A JSON body of <typeparamref name="T"/>; <see cref="Optional"/> when it may be left out.</summary>
public sealed class TakesAttribute<T> : ApiDocumentationAttribute
    where T : notnull
{
    public bool Optional { get; init; }

    public override void Describe(IEndpointConventionBuilder endpoint) =>
        endpoint.WithMetadata(new AcceptsMetadata(["application/json"], typeof(T), Optional));
}

/// <summary>
/// A body that is a file (CSV, an image) rather than a JSON object: documented in its content types, with
/// <typeparamref name="T"/> as its shape where it has one (the rows of a CSV import; <c>byte[]</c> for an image).
/// </summary>
public sealed class TakesFileAttribute<T>(params string[] contentTypes) : ApiDocumentationAttribute
    where T : notnull
{
    public override void Describe(IEndpointConventionBuilder endpoint) =>
        endpoint.WithMetadata(new AcceptsMetadata(contentTypes, typeof(T)));
}

/// <summary>A POST, PUT or PATCH whose request is the route alone.</summary>
public sealed class TakesNoBodyAttribute : ApiDocumentationAttribute
{
    public override void Describe(IEndpointConventionBuilder endpoint) => endpoint.WithMetadata(new NoRequestBody());
}

/// <summary>The error answers a function can give, each in the envelope.</summary>
public class FailsAttribute(params int[] statuses) : ApiDocumentationAttribute
{
    public IReadOnlyList<int> Statuses { get; } = statuses;

    public override void Describe(IEndpointConventionBuilder endpoint)
    {
        foreach (var status in Statuses)
        {
            endpoint.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ApiErrorResponse), ["application/json"]));
        }
    }
}

/// <summary>400, 401 and 404: what every owned resource's function can answer.</summary>
public sealed class FailsOnOwnedResourceAttribute() : FailsAttribute(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound);

/// <summary>
/// The 200 answer may also come as text in the given content types (chosen by the request). Added to the enveloped
/// JSON answer rather than declared as a response type, which would replace it for the same status.
/// </summary>
public sealed class AlsoAnswersTextAttribute(params string[] contentTypes) : ApiDocumentationAttribute
{
    public override void Describe(IEndpointConventionBuilder endpoint) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
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
