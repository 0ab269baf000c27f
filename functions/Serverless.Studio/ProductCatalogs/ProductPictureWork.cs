using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Serverless.Studio.Orchestrations;

namespace Serverless.Studio.ProductCatalogs;

/// <summary>
/// Fetches catalogs' pending pictures after an import or a product save, in the background, so the request answers
/// as soon as its rows are stored: each request starts a <see cref="ProductPicturesOrchestrator"/>, which the task hub
/// keeps until it has run, whichever host runs it and however often the app is restarted meanwhile.
/// </summary>
public sealed class ProductPictureWork(DurableTaskClient durable, ILogger<ProductPictureWork> logger)
{
    public async Task RequestAsync(string userId, string catalogId, CancellationToken cancellationToken)
    {
        var instanceId = InstanceId(userId, catalogId);
        var existing = await durable.GetInstanceAsync(instanceId, cancellation: cancellationToken);
        switch (existing?.RuntimeStatus)
        {
            // Not begun yet: its pass lists the catalog's pending pictures after this request's rows were written.
            case OrchestrationRuntimeStatus.Pending:
                return;
            // Its pass may have listed the catalog already: one more, under an id of its own (a picture both fetch is stored twice, the same bytes).
            case OrchestrationRuntimeStatus.Running:
                instanceId += "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
                break;
        }

        try
        {
            await durable.ScheduleNewOrchestrationInstanceAsync(nameof(ProductPicturesOrchestrator), new ProductPicturesWork(userId, catalogId),
                new StartOrchestrationOptions(InstanceId: instanceId), cancellationToken);
        }
        catch (InvalidOperationException)
        {
            // Another request started it a moment ago: that pass lists this request's rows too.
            logger.LogDebug("Picture fetch of catalog {CatalogId} already started", catalogId);
        }
    }

    /// <summary>One id per catalog, so requests in quick succession share one fetch.</summary>
    public static string InstanceId(string userId, string catalogId) =>
        "pictures-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}/{catalogId}")))[..24];
}
