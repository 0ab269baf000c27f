using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Webhooks;

namespace Serverless.Functions.Webhooks;

public static class WebhooksApi
{
    private const int MaxIdLength = 64;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/v1/webhooks").RequireAuthorization();
        group.MapPost("", CreateAsync).WithName("CreateWebhook");
        group.MapGet("", ListAsync).WithName("ListWebhooks");
        group.MapDelete("/{webhookId}", DeleteAsync).WithName("DeleteWebhook");
        group.MapGet("/{webhookId}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries");
        group.MapPost("/{webhookId}/deliveries/{deliveryId}/redeliver", RedeliverAsync).WithName("RedeliverWebhook");
        return routes;
    }

    /// <summary>Subscribes a URL to events; the answer holds the signing secret, shown this once.</summary>
    private static async Task<IResult> CreateAsync(HttpContext http, WebhookService webhooks)
    {
        var (body, problem) = await JsonBody.ReadAsync<CreateWebhookRequest>(http);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var endpoint = await webhooks.SubscribeAsync(http.User.UserId(), body!.Url, body.Events, body.Description, http.RequestAborted);
            return Results.Json(
                ApiResults.Envelope(http, 0, "created; keep the secret, it is not shown again", new
                {
                    id = endpoint.Id,
                    url = endpoint.Url,
                    events = endpoint.Events,
                    description = endpoint.Description,
                    secret = endpoint.Secret,
                    created_at = endpoint.CreatedAt,
                }),
                statusCode: StatusCodes.Status201Created);
        }
        catch (WebhookRequestException e)
        {
            return ApiResults.BadRequest(http, e.Field, e.Reason);
        }
    }

    private static async Task<IResult> ListAsync(HttpContext http, WebhookService webhooks)
    {
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var all = await webhooks.ListAsync(http.User.UserId(), http.RequestAborted);
        return ApiResults.Ok(http, page!.Cut(all.OrderByDescending(e => e.CreatedAt).Select(WebhookView.Of).ToList()));
    }

    private static async Task<IResult> DeleteAsync(string webhookId, HttpContext http, WebhookService webhooks) =>
        webhookId.Length <= MaxIdLength && await webhooks.DeleteAsync(http.User.UserId(), webhookId, http.RequestAborted)
            ? ApiResults.Ok(http, new { id = webhookId, deleted = true })
            : ApiResults.NotFound(http, $"Webhook '{webhookId}'");

    private static async Task<IResult> DeliveriesAsync(string webhookId, HttpContext http, WebhookService webhooks)
    {
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var deliveries = webhookId.Length <= MaxIdLength ? await webhooks.ListDeliveriesAsync(http.User.UserId(), webhookId, http.RequestAborted) : null;
        return deliveries is null
            ? ApiResults.NotFound(http, $"Webhook '{webhookId}'")
            : ApiResults.Ok(http, page!.Cut(deliveries.Select(WebhookDeliveryView.Of).ToList()));
    }

    /// <summary>Sends a logged message again, as a new delivery with its own attempts.</summary>
    private static async Task<IResult> RedeliverAsync(string webhookId, string deliveryId, HttpContext http, WebhookService webhooks)
    {
        var delivery = webhookId.Length <= MaxIdLength && deliveryId.Length <= MaxIdLength
            ? await webhooks.RedeliverAsync(http.User.UserId(), webhookId, deliveryId, http.RequestAborted)
            : null;
        return delivery is null
            ? ApiResults.NotFound(http, $"Delivery '{deliveryId}' of webhook '{webhookId}'")
            : ApiResults.Accepted(http, $"/api/v1/webhooks/{webhookId}/deliveries", WebhookDeliveryView.Of(delivery));
    }
}
