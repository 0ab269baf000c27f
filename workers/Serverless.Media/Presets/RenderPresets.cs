using Serverless.Contracts.Rendering;

namespace Serverless.Media.Presets;

/// <summary>
/// Output settings per publishing platform and mode. Platforms fix the aspect ratio; the mode and the final
/// resolution (720, 1080 or 2160 on the short side) fix the size and the encoder's speed.
/// </summary>
public static class RenderPresets
{
    public const int PreviewShortSide = OutputPresets.PreviewShortSide;

    /// <inheritdoc cref="OutputPresets.PreviewFramesPerSecond"/>
    public const int PreviewFramesPerSecond = OutputPresets.PreviewFramesPerSecond;

    private static readonly Dictionary<string, (int Wide, int Tall)> Aspects = new(StringComparer.OrdinalIgnoreCase)
    {
        ["douyin"] = (9, 16),
        ["kuaishou"] = (9, 16),
        ["youtube-shorts"] = (9, 16),
        ["bilibili"] = (16, 9),
        ["youtube"] = (16, 9),
        ["square"] = (1, 1),
    };

    public static IReadOnlyCollection<string> Platforms => Aspects.Keys;

    /// <param name="platform">A name from <see cref="Platforms"/>, or "custom" with <paramref name="customWidth"/> and <paramref name="customHeight"/>.</param>
    /// <param name="finalShortSide">720, 1080 or 2160: the final render's short side.</param>
    public static RenderOutput For(string platform, RenderMode mode, int finalShortSide = 1080, int? customWidth = null, int? customHeight = null)
    {
        if (finalShortSide is not (720 or 1080 or 2160))
        {
            throw new ArgumentOutOfRangeException(nameof(finalShortSide), finalShortSide, "Final renders are 720p, 1080p or 4K (2160).");
        }

        (int Wide, int Tall) aspect;
        if (string.Equals(platform, "custom", StringComparison.OrdinalIgnoreCase))
        {
            if (customWidth is not > 0 || customHeight is not > 0)
            {
                throw new ArgumentException("A custom preset needs a width and a height.", nameof(platform));
            }

            aspect = (customWidth.Value, customHeight.Value);
            if (mode == RenderMode.Final)
            {
                return Output(FrameSizeEven(customWidth.Value), FrameSizeEven(customHeight.Value), mode);
            }
        }
        else if (!Aspects.TryGetValue(platform, out aspect))
        {
            throw new ArgumentException($"Unknown platform '{platform}'; known: {string.Join(", ", Aspects.Keys)}, custom.", nameof(platform));
        }

        var shortSide = mode == RenderMode.Preview ? PreviewShortSide : finalShortSide;
        var scale = (double)shortSide / Math.Min(aspect.Wide, aspect.Tall);
        return Output(FrameSizeEven(aspect.Wide * scale), FrameSizeEven(aspect.Tall * scale), mode);
    }

    private static RenderOutput Output(int width, int height, RenderMode mode) =>
        mode == RenderMode.Preview ? OutputPresets.Preview(width, height) : OutputPresets.Final(width, height);

    private static int FrameSizeEven(double value) => Graph.FrameSize.Even(value);
}
