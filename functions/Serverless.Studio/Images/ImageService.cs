using System.Security.Cryptography;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Projects;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Images;

/// <summary>
/// Pictures from a prompt, and variations of them, drawn through <see cref="ShotImageFallback"/> (the user's image
/// providers, the operator's, then the offline renderer at no cost) and billed on the usage ledger as calls of the
/// image record (its id stands as the task, the picture's index as the call).
/// </summary>
public sealed class ImageService(ImageStore store, AssetStore assets, ShotImageFallback images, TimeProvider time)
{
    public async Task<Outcome<ImageRecord>> CreateAsync(string userId, string? prompt, string? size, int? n, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(prompt) || prompt.Length > ImageLimits.MaxPromptLength)
        {
            return Outcome<ImageRecord>.Invalid("prompt", $"1 to {ImageLimits.MaxPromptLength} characters");
        }

        return await DrawAsync(userId, prompt.Trim(), size ?? "1024x1024", n ?? 1, null, cancellationToken);
    }

    /// <summary>New pictures of the prompt and size of the user's image <paramref name="imageId"/>; not found when it is not theirs.</summary>
    public async Task<Outcome<ImageRecord>> VaryAsync(string userId, string imageId, int? n, CancellationToken cancellationToken = default) =>
        await store.FindAsync(userId, imageId, cancellationToken) is { } source
            ? await DrawAsync(userId, source.Prompt, source.Size, n ?? 1, source.Id, cancellationToken)
            : Outcome<ImageRecord>.NotFound();

    private async Task<Outcome<ImageRecord>> DrawAsync(string userId, string prompt, string size, int n, string? variationOf, CancellationToken cancellationToken)
    {
        if (!ImageLimits.Sizes.Contains(size))
        {
            return Outcome<ImageRecord>.Invalid("size", $"one of {string.Join(", ", ImageLimits.Sizes)}");
        }

        if (n is < 1 or > ImageLimits.MaxPerRequest)
        {
            return Outcome<ImageRecord>.Invalid("n", $"1 to {ImageLimits.MaxPerRequest}");
        }

        if (await store.CountAsync(userId, cancellationToken) >= ImageLimits.MaxImagesPerUser)
        {
            return Outcome<ImageRecord>.Invalid("body", $"at most {ImageLimits.MaxImagesPerUser} images per user");
        }

        var id = "img_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        var (width, height) = (int.Parse(size.Split('x')[0], System.Globalization.CultureInfo.InvariantCulture), int.Parse(size.Split('x')[1], System.Globalization.CultureInfo.InvariantCulture));
        var files = new List<ImageFile>();
        for (var i = 0; i < n; i++)
        {
            // Each picture asks for something of its own: identical requests would be answered from the cache as one.
            var asked = variationOf is null && i == 0 ? prompt : $"{prompt} (variation {i + 1} of {variationOf ?? id})";
            var request = new ShotImageRequest { ShotId = $"{id}-{i}", Framing = ShotFraming.Medium, Location = "", Time = "", PromptOverride = asked, Width = width, Height = height };
            Provided<byte[]> drawn;
            using (UsageAttribution.Begin(new BilledCall(userId, null, id, i.ToString(System.Globalization.CultureInfo.InvariantCulture))))
            {
                drawn = await images.GenerateProvidedAsync(request, cancellationToken);
            }

            var blob = AssetStore.Asset(userId, "images", $"{id}/{i}.png");
            await assets.UploadAsync(blob, BinaryData.FromBytes(drawn.Value), "image/png", cancellationToken);
            files.Add(new ImageFile(blob.Path, drawn.Provider));
        }

        var record = new ImageRecord { Id = id, UserId = userId, Prompt = prompt, Size = size, VariationOf = variationOf, Files = files, CreatedAt = time.GetUtcNow() };
        await store.CreateAsync(record, cancellationToken);
        return Outcome<ImageRecord>.Ok(record);
    }

    /// <summary>Short-lived read links to the record's pictures, in order.</summary>
    public async Task<IReadOnlyList<(Uri Url, DateTimeOffset ExpiresAt, string Provider)>> LinksAsync(ImageRecord record, CancellationToken cancellationToken = default)
    {
        var links = new List<(Uri, DateTimeOffset, string)>();
        foreach (var file in record.Files)
        {
            var (url, expiresAt) = await assets.CreateDownloadLinkAsync(new BlobRef(StudioContainers.Assets, file.Path), Path.GetFileName(file.Path), cancellationToken);
            links.Add((url, expiresAt, file.Provider));
        }

        return links;
    }
}
