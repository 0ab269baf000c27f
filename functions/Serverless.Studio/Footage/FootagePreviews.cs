using Serverless.Contracts.Rendering;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Footage;

/// <summary>A read link that expires (<see cref="StorageOptions.DownloadLinkLifetime"/>).</summary>
public sealed record ReadLink(Uri Url, DateTimeOffset ExpiresAt);

/// <summary>A thumbnail's read link and the footage time, in seconds, it shows.</summary>
public sealed record ThumbnailLink(Uri Url, DateTimeOffset ExpiresAt, double At);

/// <summary>What the studio plays and shows of an analysed footage before any clip: its 540 px proxy and thumbnails.</summary>
public sealed record FootagePreview(ReadLink? Proxy, IReadOnlyList<ThumbnailLink> Thumbnails)
{
    public static readonly FootagePreview None = new(null, []);
}

/// <summary>
/// Signs read links to a footage's proxy and thumbnails, each for that one blob and for minutes only. It takes a
/// record already read under its owner's id (<see cref="FootageService.FindAsync"/>), so a link is never made for
/// another user's footage.
/// </summary>
public sealed class FootagePreviews(AssetStore blobs)
{
    public async Task<FootagePreview> LinksAsync(FootageRecord footage, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(footage);
        var name = Path.GetFileNameWithoutExtension(footage.FileName);
        var proxy = footage.Proxy is { } blob ? await LinkAsync(blob, $"{name}-proxy.mp4", cancellationToken) : null;
        var thumbnails = new List<ThumbnailLink>();
        foreach (var (thumbnail, index) in footage.Thumbnails.Select((t, i) => (t, i)))
        {
            var link = await LinkAsync(thumbnail, $"{name}-{index + 1}.jpg", cancellationToken);
            thumbnails.Add(new ThumbnailLink(link.Url, link.ExpiresAt, At(index, footage.Thumbnails.Count, footage.DurationSeconds ?? 0)));
        }

        return new FootagePreview(proxy, thumbnails);
    }

    /// <summary>
    /// Where thumbnail <paramref name="index"/> of <paramref name="count"/> was taken: the worker takes them evenly
    /// spread, each at the middle of its equal part of the footage (<c>FootageAnalyzer.ThumbnailsAsync</c>; the record
    /// keeps no times, and the worker's assembly cannot see this one, so a change of that rule changes this line too).
    /// </summary>
    private static double At(int index, int count, double duration) => Math.Round(duration * (index + 0.5) / count, 3);

    private async Task<ReadLink> LinkAsync(BlobRef blob, string downloadName, CancellationToken cancellationToken)
    {
        var (url, expiresAt) = await blobs.CreateDownloadLinkAsync(blob, downloadName, cancellationToken);
        return new ReadLink(url, expiresAt);
    }
}
