using Microsoft.Azure.Functions.Worker;
using Serverless.Functions.Api;
using Serverless.Functions.Auth;
using Serverless.Studio.Projects;
using Serverless.Studio.Webhooks;

namespace Serverless.Functions.Webhooks;

/// <summary>Webhook endpoints and their deliveries.</summary>
public sealed class WebhookFunctions(WebhookService webhooks)
{
    private const int MaxIdLength = 64;

    /// <summary>Subscribes a URL to events; the answer holds the signing secret, shown this once.</summary>
    [Function("CreateWebhook")]
    [Takes<CreateWebhookRequest>]
    [Answers<WebhookCreated>(StatusCodes.Status201Created)]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> CreateAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/webhooks")] HttpRequest req)
    {
        var http = req.HttpContext;
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

    [Function("ListWebhooks")]
    [Answers<ApiPage<WebhookView>>]
    [Fails(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized)]
    public async Task<IResult> ListAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/webhooks")] HttpRequest req)
    {
        var http = req.HttpContext;
        var (page, problem) = PageRequest.Read(http);
        if (problem is not null)
        {
            return problem;
        }

        var all = await webhooks.ListAsync(http.User.UserId(), http.RequestAborted);
        return ApiResults.Ok(http, page!.Cut(all.OrderByDescending(e => e.CreatedAt).Select(WebhookView.Of).ToList()));
    }

    [Function("DeleteWebhook")]
    [Answers<WebhookDeleted>]
    [FailsOnOwnedResource]
    public async Task<IResult> DeleteAsync([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "v1/webhooks/{webhookId}")] HttpRequest req, string webhookId) =>
        webhookId.Length <= MaxIdLength && await webhooks.DeleteAsync(req.HttpContext.User.UserId(), webhookId, req.HttpContext.RequestAborted)
            ? ApiResults.Ok(req.HttpContext, new WebhookDeleted(webhookId, Deleted: true))
            : ApiResults.NotFound(req.HttpContext, $"Webhook '{webhookId}'");

    [Function("ListWebhookDeliveries")]
    [Answers<ApiPage<WebhookDeliveryView>>]
    [FailsOnOwnedResource]
    public async Task<IResult> DeliveriesAsync([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "v1/webhooks/{webhookId}/deliveries")] HttpRequest req, string webhookId)
    {
        var http = req.HttpContext;
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

    /// <summary>Sends a logged message again, as a new delivery with its own attempts; at most five times (409 after).</summary>
    [Function("RedeliverWebhook")]
    [TakesNoBody]
    [Answers<WebhookDeliveryView>(StatusCodes.Status202Accepted)]
    [FailsOnOwnedResource]
    [Fails(StatusCodes.Status409Conflict)]
    public async Task<IResult> RedeliverAsync([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "v1/webhooks/{webhookId}/deliveries/{deliveryId}/redeliver")] HttpRequest req, string webhookId, string deliveryId)
    {
        var http = req.HttpContext;
        var outcome = webhookId.Length <= MaxIdLength && deliveryId.Length <= MaxIdLength
            ? await webhooks.RedeliverAsync(http.User.UserId(), webhookId, deliveryId, http.RequestAborted)
            : Outcome<WebhookDelivery>.NotFound();
        return OutcomeResults.From(http, outcome, $"Delivery '{deliveryId}' of webhook '{webhookId}'",
            delivery => ApiResults.Accepted(http, $"/api/v1/webhooks/{webhookId}/deliveries", WebhookDeliveryView.Of(delivery)));
    }
}
