using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Serverless.Durable;

public static class DurableManagementEndpoints
{
    private const int MaxEventBytes = 1024 * 1024;

    /// <summary>Registers the signer of management URLs, bound from the <c>Durable</c> configuration section.</summary>
    public static IServiceCollection AddDurableHttpManagement(this IServiceCollection services)
    {
        services.AddOptions<DurableHttpOptions>().BindConfiguration(DurableHttpOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<DurableHttpManagement>();
        return services;
    }

    /// <summary>
    /// Durable-Functions-style management endpoints; each checks the instance's <c>code</c> and answers 404
    /// for an instance that does not exist or a code that does not match, so ids cannot be probed.
    /// </summary>
    public static IEndpointRouteBuilder MapDurableTaskManagement(this IEndpointRouteBuilder routes, string prefix = DurableHttpManagement.DefaultPrefix)
    {
        var group = routes.MapGroup(prefix + "/instances/{instanceId}").AllowAnonymous().ExcludeFromDescription();
        group.MapGet("", GetStatusAsync);
        group.MapPost("/raiseEvent/{eventName}", RaiseEventAsync);
        group.MapPost("/terminate", TerminateAsync);
        group.MapDelete("", PurgeAsync);
        return routes;
    }

    private static async Task<IResult> GetStatusAsync(string instanceId, string? code, bool? showHistory, DurableTaskClient client, DurableHttpManagement signer, HttpContext http)
    {
        if (!signer.IsAuthorized(instanceId, code))
        {
            return Results.NotFound();
        }

        var instance = showHistory == true
            ? await client.GetInstanceWithHistoryAsync(instanceId, http.RequestAborted)
            : await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, http.RequestAborted);
        if (instance is null)
        {
            return Results.NotFound();
        }

        var status = new
        {
            name = instance.Name,
            instanceId = instance.InstanceId,
            runtimeStatus = instance.RuntimeStatus.ToString(),
            input = Raw(instance.SerializedInput),
            customStatus = Raw(instance.SerializedCustomStatus),
            output = Raw(instance.SerializedOutput),
            failureDetails = instance.FailureDetails,
            createdTime = instance.CreatedAt,
            lastUpdatedTime = instance.LastUpdatedAt,
            historyEvents = instance.History,
        };
        return instance.IsRunning ? Results.Json(status, statusCode: StatusCodes.Status202Accepted) : Results.Json(status);
    }

    private static async Task<IResult> RaiseEventAsync(string instanceId, string eventName, string? code, DurableTaskClient client, DurableHttpManagement signer, HttpContext http)
    {
        if (!signer.IsAuthorized(instanceId, code) || await client.GetInstanceAsync(instanceId, cancellation: http.RequestAborted) is not { } instance)
        {
            return Results.NotFound();
        }

        if (!instance.IsRunning)
        {
            return Results.Conflict(new { error = $"Instance {instanceId} is {instance.RuntimeStatus}; it takes no more events." });
        }

        if (http.Request.ContentLength > MaxEventBytes)
        {
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        JsonElement? payload;
        try
        {
            payload = http.Request.ContentLength == 0 ? null : await JsonSerializer.DeserializeAsync<JsonElement>(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException)
        {
            return Results.BadRequest(new { error = "The event body must be JSON." });
        }

        await client.RaiseEventAsync(instanceId, eventName, payload, http.RequestAborted);
        return Results.Accepted();
    }

    private static async Task<IResult> TerminateAsync(string instanceId, string? code, string? reason, DurableTaskClient client, DurableHttpManagement signer, HttpContext http)
    {
        if (!signer.IsAuthorized(instanceId, code) || await client.GetInstanceAsync(instanceId, cancellation: http.RequestAborted) is not { } instance)
        {
            return Results.NotFound();
        }

        if (!instance.IsRunning)
        {
            return Results.Conflict(new { error = $"Instance {instanceId} is already {instance.RuntimeStatus}." });
        }

        await client.TerminateInstanceAsync(instanceId, reason, http.RequestAborted);
        return Results.Accepted();
    }

    private static async Task<IResult> PurgeAsync(string instanceId, string? code, DurableTaskClient client, DurableHttpManagement signer, HttpContext http)
    {
        if (!signer.IsAuthorized(instanceId, code))
        {
            return Results.NotFound();
        }

        if (await client.GetInstanceAsync(instanceId, cancellation: http.RequestAborted) is { IsRunning: true } running)
        {
            return Results.Conflict(new { error = $"Instance {instanceId} is {running.RuntimeStatus}; terminate it before purging." });
        }

        return await client.PurgeInstanceAsync(instanceId, http.RequestAborted) ? Results.Ok(new { instancesDeleted = 1 }) : Results.NotFound();
    }

    private static JsonElement? Raw(string? json) => json is null ? null : JsonDocument.Parse(json).RootElement.Clone();
}
