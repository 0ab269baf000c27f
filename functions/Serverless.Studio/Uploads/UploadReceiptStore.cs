using System.Net;
using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Uploads;

public sealed class UploadReceiptStore(StudioDatabase database)
{
    public const string Receipts = "uploads";

    /// <summary>Writes the receipt; when one is already stored under its id, returns that one instead.</summary>
    public async Task<(UploadReceipt Receipt, bool Created)> ClaimAsync(UploadReceipt receipt, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Receipts);
        try
        {
            await container.CreateItemAsync(receipt, new PartitionKey(receipt.UserId), cancellationToken: cancellationToken);
            return (receipt, true);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            var existing = await container.FindAsync<UploadReceipt>(receipt.Id, receipt.UserId, cancellationToken);
            return (existing ?? receipt, false);
        }
    }

    public async Task UpsertAsync(UploadReceipt receipt, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Receipts);
        await container.UpsertItemAsync(receipt, new PartitionKey(receipt.UserId), cancellationToken: cancellationToken);
    }

    /// <summary>A user's receipts, newest first.</summary>
    public async Task<IReadOnlyList<UploadReceipt>> ListAsync(string userId, CancellationToken cancellationToken = default)
    {
        var container = await database.ContainerAsync(Receipts);
        var results = new List<UploadReceipt>();
        using var iterator = container.GetItemQueryIterator<UploadReceipt>(
            new QueryDefinition("SELECT * FROM c WHERE c.userId = @userId").WithParameter("@userId", userId), requestOptions: new QueryRequestOptions { PartitionKey = new PartitionKey(userId) });
        while (iterator.HasMoreResults)
        {
            results.AddRange(await iterator.ReadNextAsync(cancellationToken));
        }

        return results.OrderByDescending(r => r.CreatedAt).ToList();
    }
}
