using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Serverless.Functions.Auth;
using Serverless.Studio.Accounts;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.Uploads;

/// <summary>
/// Users who may drop scripts: registered accounts and the operators named by configured API keys. Answers are
/// cached briefly, so a folder full of scripts costs one account read, and a new account is seen within a minute.
/// </summary>
public sealed class AccountUserDirectory(AccountStore accounts, IOptionsMonitor<ApiKeyOptions> keys, IMemoryCache cache) : IUserDirectory
{
    private static readonly TimeSpan KnownFor = TimeSpan.FromMinutes(5);

    // Short, so an account registered just before its first upload is not refused for long.
    private static readonly TimeSpan UnknownFor = TimeSpan.FromSeconds(10);

    public async Task<bool> ExistsAsync(string userId, CancellationToken cancellationToken = default)
    {
        if (keys.CurrentValue.ApiKeys.Any(k => string.Equals(k.UserId, userId, StringComparison.Ordinal)))
        {
            return true;
        }

        var cacheKey = (nameof(AccountUserDirectory), userId);
        if (cache.TryGetValue(cacheKey, out bool known))
        {
            return known;
        }

        known = await accounts.FindAsync(userId, cancellationToken) is not null;
        cache.Set(cacheKey, known, known ? KnownFor : UnknownFor);
        return known;
    }
}
