using System.Net;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.Options;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Webhooks;

/// <summary>
/// Endpoints (partitioned by user) and deliveries (partitioned by endpoint) in Cosmos DB. Every endpoint read names
/// its owner; deliveries are reached only through an endpoint the caller owns.
/// </summary>
public sealed class WebhookStore(StudioDatabase database, IOptions<WebhookOptions> options)
{
    public const string Endpoints = "webhooks";
    public const string Deliveries = "webhookDeliveries";

    public async Task CreateEndpointAsync(WebhookEndpoint endpoint, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Endpoints);
        await container.CreateItemAsync(endpoint, new PartitionKey(endpoint.UserId), cancellationToken: cancellationToken);
    }

    public async Task<WebhookEndpoint?> FindEndpointAsync(string userId, string webhookId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Endpoints);
        return await container.FindAsync<WebhookEndpoint>(webhookId, userId, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookEndpoint>> ListEndpointsAsync(string userId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Endpoints);
        return await container.QueryPartitionAsync<WebhookEndpoint>(new QueryDefinition("SELECT * FROM c WHERE c.userId = @key").WithParameter("@key", userId), userId, cancellationToken);
    }

    public async Task<bool> DeleteEndpointAsync(string userId, string webhookId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Endpoints);
        try
        {
            await container.DeleteItemAsync<WebhookEndpoint>(webhookId, new PartitionKey(userId), cancellationToken: cancellationToken);
            return true;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>Creates the delivery, or returns the one already stored under its id (a retried activity).</summary>
    public async Task<WebhookDelivery> CreateDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Deliveries);
        try
        {
            delivery = Retained(delivery);
            await container.CreateItemAsync(delivery, new PartitionKey(delivery.WebhookId), cancellationToken: cancellationToken);
            return delivery;
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return await FindDeliveryAsync(delivery.WebhookId, delivery.Id, cancellationToken) ?? delivery;
        }
    }

    public async Task<WebhookDelivery?> FindDeliveryAsync(string webhookId, string deliveryId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Deliveries);
        return await container.FindAsync<WebhookDelivery>(deliveryId, webhookId, cancellationToken);
    }

    public async Task UpsertDeliveryAsync(WebhookDelivery delivery, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Deliveries);
        await container.UpsertItemAsync(Retained(delivery), new PartitionKey(delivery.WebhookId), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// One page of an endpoint's deliveries, newest first. Only ids and times are queried for the whole log (the
    /// local emulator refuses ORDER BY and OFFSET); the page's records, bodies and attempts included, are then point
    /// reads. Retention bounds the log, and with it the keys read.
    /// </summary>
    public async Task<WebhookDeliveryPage> ListDeliveriesAsync(string webhookId, int skip, int take, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Deliveries);
        var keys = await container.QueryPartitionAsync<WebhookDeliveryKey>(
            new QueryDefinition("SELECT c.id, c.createdAt FROM c WHERE c.webhookId = @key").WithParameter("@key", webhookId), webhookId, cancellationToken);
        var page = keys.OrderByDescending(k => k.CreatedAt).ThenByDescending(k => k.Id, StringComparer.Ordinal).Skip(skip).Take(take);
        var items = await Task.WhenAll(page.Select(k => container.FindAsync<WebhookDelivery>(k.Id, webhookId, cancellationToken)));

        // A record that expired between the two reads is simply left out.
        return new WebhookDeliveryPage(items.OfType<WebhookDelivery>().ToList(), keys.Count);
    }

    private WebhookDelivery Retained(WebhookDelivery delivery) =>
        delivery with { TimeToLiveSeconds = (int)Math.Min(int.MaxValue, options.Value.DeliveryRetention.TotalSeconds) };
}
