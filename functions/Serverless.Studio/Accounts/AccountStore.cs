using System.Net;
using Microsoft.Azure.Cosmos;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Accounts;

/// <summary>Accounts and the email addresses they claim; every read is a point read.</summary>
public sealed class AccountStore(StudioDatabase database)
{
    /// <summary>Creates the account unless its email is taken; the email claim's unique id decides races.</summary>
    public async Task<bool> TryCreateAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        var emails = await database.ContainerAsync(StudioContainers.Emails);
        var claim = new EmailClaim(ClaimId(account.Email), account.Id);
        try
        {
            await emails.CreateItemAsync(claim, new PartitionKey(claim.Id), cancellationToken: cancellationToken);
        }
        catch (CosmosException e) when (e.StatusCode == HttpStatusCode.Conflict)
        {
            return false;
        }

        await CreateUnclaimedAsync(account, cancellationToken);
        return true;
    }

    /// <summary>Creates an account that claims no address: it can never be found by e-mail, nor verified.</summary>
    public async Task CreateUnclaimedAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        var users = await database.ContainerAsync(StudioContainers.Users);
        await users.CreateItemAsync(account, new PartitionKey(account.Id), cancellationToken: cancellationToken);
    }

    public async Task<UserAccount?> FindAsync(string userId, CancellationToken cancellationToken = default)
    {
        var users = await database.ContainerAsync(StudioContainers.Users);
        return await users.FindAsync<UserAccount>(userId, userId, cancellationToken);
    }

    public async Task<UserAccount?> FindByEmailAsync(string email, CancellationToken cancellationToken = default)
    {
        var emails = await database.ContainerAsync(StudioContainers.Emails);
        var id = ClaimId(email);
        var claim = await emails.FindAsync<EmailClaim>(id, id, cancellationToken);
        return claim is null ? null : await FindAsync(claim.UserId, cancellationToken);
    }

    public async Task ReplaceAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        var users = await database.ContainerAsync(StudioContainers.Users);
        await users.ReplaceItemAsync(account, account.Id, new PartitionKey(account.Id), cancellationToken: cancellationToken);
    }

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// The email claim's id: the normalized address, unless a valid address is no possible id
    /// (<see cref="CosmosPointReads.IsPossibleId"/>: '/', '?', '#', '%', non-ASCII) or is long; such an address is claimed
    /// by its SHA-256 instead.
    /// </summary>
    public static string ClaimId(string email)
    {
        var normalized = NormalizeEmail(email);
        return normalized.Length > 200 || !CosmosPointReads.IsPossibleId(normalized)
            ? "sha256-" + AccountIds.Digest(normalized)
            : normalized;
    }
}
