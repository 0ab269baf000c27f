namespace Serverless.Studio.Images;

/// <summary>
/// A user's generated pictures, stored in <c>images</c>, partitioned by user; the PNGs are in the assets blob container
/// under <c>{user}/images/{id}/</c>. A variation names the image it was drawn from.
/// </summary>
public sealed record ImageRecord
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Prompt { get; init; }
    public required string Size { get; init; }
    public string? VariationOf { get; init; }
    public required IReadOnlyList<ImageFile> Files { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One picture of an image record: its blob path and who drew it.</summary>
public sealed record ImageFile(string Path, string Provider);

/// <summary>What a user may ask for: every count and length is bounded.</summary>
public static class ImageLimits
{
    public const int MaxPromptLength = 1000;
    public const int MaxPerRequest = 4;
    public const int MaxImagesPerUser = 200;

    public static readonly IReadOnlyList<string> Sizes = ["512x512", "1024x1024", "1024x1536", "1536x1024"];
}
