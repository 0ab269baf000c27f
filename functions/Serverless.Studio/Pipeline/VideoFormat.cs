namespace Serverless.Studio.Pipeline;

/// <summary>Frame sizes by aspect ratio: the platforms' full-HD presets.</summary>
public static class VideoFormat
{
    public static readonly IReadOnlyDictionary<string, (int Width, int Height)> Sizes = new Dictionary<string, (int, int)>
    {
        ["9:16"] = (1080, 1920),
        ["16:9"] = (1920, 1080),
        ["1:1"] = (1080, 1080),
    };

    public static readonly IReadOnlyList<string> Styles = ["anime", "chinese", "comic", "chibi"];

    public static (int Width, int Height) SizeOf(string aspectRatio) =>
        Sizes.TryGetValue(aspectRatio, out var size)
            ? size
            : throw new ArgumentException($"Unsupported aspect ratio '{aspectRatio}'; use one of {string.Join(", ", Sizes.Keys)}.", nameof(aspectRatio));
}
