using Microsoft.Extensions.Options;
using Serverless.Functions.Auth;
using Serverless.Studio.Uploads;

namespace Serverless.Functions.Uploads;

/// <summary>Users known to this app: those its configured API keys act for.</summary>
public sealed class ConfiguredUserDirectory(IOptionsMonitor<ApiKeyOptions> keys) : IUserDirectory
{
    public Task<bool> ExistsAsync(string userId, CancellationToken cancellationToken = default) =>
        Task.FromResult(keys.CurrentValue.ApiKeys.Any(k => string.Equals(k.UserId, userId, StringComparison.Ordinal)));
}
