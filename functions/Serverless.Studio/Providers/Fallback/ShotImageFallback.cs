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
    public Task<Provided<byte[]>> GenerateProvidedAsync(ShotImageRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return fallback.ExecuteAsync(
            users is null ? null : (user, token) => users.ImagesAsync(user, request, token),
            cloud is null ? null : token => cloud.GenerateAsync(request, token),
            token => offline.GenerateAsync(request, token),
            _ => new UsageSample(Images: 1),
            new UsageSample(Images: 1),
            cancellationToken);
    }
}
