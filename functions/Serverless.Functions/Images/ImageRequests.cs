using Serverless.Studio.Images;

namespace Serverless.Functions.Images;

/// <summary>Body of <c>POST /api/v1/images</c>: the prompt, a size (1024x1024 when left out) and how many pictures (1 when left out).</summary>
public sealed record ImageRequest(string? Prompt, string? Size, int? N);

/// <summary>Body of <c>POST /api/v1/images/{id}/variations</c>: how many (1 when left out).</summary>
public sealed record VariationRequest(int? N);

/// <summary>One picture: a read link that expires, and who drew it.</summary>
public sealed record ImageFileView(Uri Url, DateTimeOffset ExpiresAt, string Provider);

/// <summary>An image record as answered, its pictures as short-lived read links.</summary>
public sealed record ImageView(string ImageId, string Prompt, string Size, string? VariationOf, IReadOnlyList<ImageFileView> Images, DateTimeOffset CreatedAt)
{
    public static async Task<ImageView> OfAsync(ImageRecord record, ImageService images, CancellationToken cancellationToken) =>
        new(record.Id, record.Prompt, record.Size, record.VariationOf,
            (await images.LinksAsync(record, cancellationToken)).Select(l => new ImageFileView(l.Url, l.ExpiresAt, l.Provider)).ToList(),
            record.CreatedAt);
}
