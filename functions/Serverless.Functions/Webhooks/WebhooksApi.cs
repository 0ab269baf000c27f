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
        group.MapPost("", CreateAsync).WithName("CreateWebhook")
            .Takes<CreateWebhookRequest>().Answers<WebhookCreated>(StatusCodes.Status201Created).Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        group.MapGet("", ListAsync).WithName("ListWebhooks")
            .Answers<ApiPage<WebhookView>>().Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        group.MapDelete("/{webhookId}", DeleteAsync).WithName("DeleteWebhook").Answers<WebhookDeleted>().FailsOnOwnedResource();
        group.MapGet("/{webhookId}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries")
            .Answers<ApiPage<WebhookDeliveryView>>().FailsOnOwnedResource();
        group.MapPost("/{webhookId}/deliveries/{deliveryId}/redeliver", RedeliverAsync).WithName("RedeliverWebhook")
            .TakesNoBody().Answers<WebhookDeliveryView>(StatusCodes.Status202Accepted).FailsOnOwnedResource();
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
                ApiResults.Envelope(http, 0, "created; keep the secret, it is not shown again",
                    new WebhookCreated(endpoint.Id, endpoint.Url, endpoint.Events, endpoint.Description, endpoint.Secret, endpoint.CreatedAt)),
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
            ? ApiResults.Ok(http, new WebhookDeleted(webhookId, Deleted: true))
            : ApiResults.NotFound(http, $"Webhook '{webhookId}'");

    private static async Task<IResult> DeliveriesAsync(string webhookId, HttpContext http, WebhookService webhooks)
    {
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var deliveries = webhookId.Length <= MaxIdLength
            ? await webhooks.ListDeliveriesAsync(http.User.UserId(), webhookId, (page!.Page - 1) * page.PageSize, page.PageSize, http.RequestAborted)
            : null;
        return deliveries is null
            ? ApiResults.NotFound(http, $"Webhook '{webhookId}'")
            : ApiResults.Ok(http, new ApiPage<WebhookDeliveryView>(deliveries.Items.Select(WebhookDeliveryView.Of).ToList(), page!.Page, page.PageSize, deliveries.Total));
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
