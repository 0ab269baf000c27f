using Serverless.Studio.ShotImages;
using Serverless.Studio.Providers.Records;
using Serverless.Studio.Providers.Usage;

namespace Serverless.Studio.Providers.Fallback;

/// <summary>
/// Shot images from the current user's own providers by priority, then Azure OpenAI when configured and healthy,
/// then the offline frame renderer.
/// </summary>
public sealed class ShotImageFallback(IShotImageGenerator offline, IShotImageGenerator? cloud, ProviderFallback fallback, UserProviderCalls? users = null) : IShotImageGenerator
{
    public async Task<byte[]> GenerateAsync(ShotImageRequest request, CancellationToken cancellationToken = default) =>
        (await GenerateProvidedAsync(request, cancellationToken).ConfigureAwait(false)).Value;

    /// <summary>The PNG and which provider drew it.</summary>
    public async Task<Provided<byte[]>> GenerateProvidedAsync(ShotImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var user = UsageAttribution.CurrentUser;
        var candidates = users is null || user == UsageAttribution.Anonymous
            ? []
            : (await users.ImagesAsync(user, request, cancellationToken).ConfigureAwait(false)).ToList();
        if (cloud is not null)
        {
            candidates.Add(fallback.AzureOpenAI(token => cloud.GenerateAsync(request, token)));
        }

        return await fallback.ExecuteAsync(
            candidates,
            token => offline.GenerateAsync(request, token),
            _ => new UsageSample(Images: 1),
            cancellationToken).ConfigureAwait(false);
    }
}
