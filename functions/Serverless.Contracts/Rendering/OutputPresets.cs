namespace Serverless.Contracts.Rendering;

/// <summary>
/// Encoder settings of each render mode and output sizes per publishing platform, for whoever sizes the jobs it queues
/// (the function app, the render benchmark), so a preview is the same everywhere.
/// </summary>
public static class OutputPresets
{
    private static readonly Dictionary<string, (int Wide, int Tall)> Aspects = new(StringComparer.OrdinalIgnoreCase)
    {
        ["douyin"] = (9, 16),
        ["kuaishou"] = (9, 16),
        ["youtube-shorts"] = (9, 16),
        ["bilibili"] = (16, 9),
        ["youtube"] = (16, 9),
        ["square"] = (1, 1),
    };

    /// <summary>Previews are 540 px on the short side (issue 5).</summary>
    public const int PreviewShortSide = 540;

    /// <summary>
    /// A preview checks framing, timing and sound, which 15 fps shows; half the frames halve the zoom and the
    /// encode, which is what takes the reference preview past 8x realtime on 2 cores (workers/README.md).
    /// </summary>
    public const int PreviewFramesPerSecond = 15;

    /// <summary>Small and fast: the fastest x264 preset, a coarse CRF, lean audio.</summary>
    public static RenderOutput Preview(int width, int height) => new()
    {
        Width = width, Height = height, FramesPerSecond = PreviewFramesPerSecond, Preset = "ultrafast", Crf = 30, AudioBitrateKbps = 96,
    };

    /// <summary>The deliverable: 30 fps, x264 veryfast, CRF 23 (22 at 4K, where artefacts show more).</summary>
    public static RenderOutput Final(int width, int height) => new()
    {
        Width = width, Height = height, FramesPerSecond = 30, Preset = "veryfast", Crf = Math.Min(width, height) >= 2160 ? 22 : 23, AudioBitrateKbps = 128,
    };

    public static IReadOnlyCollection<string> Platforms => Aspects.Keys;

    /// <summary>
    /// Platforms fix the aspect ratio; the mode and the final resolution (720, 1080 or 2160 on the short side) fix the
    /// size and the encoder's speed.
    /// </summary>
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
                return Output(Even(customWidth.Value), Even(customHeight.Value), mode);
            }
        }
        else if (!Aspects.TryGetValue(platform, out aspect))
        {
            throw new ArgumentException($"Unknown platform '{platform}'; known: {string.Join(", ", Aspects.Keys)}, custom.", nameof(platform));
        }

        var shortSide = mode == RenderMode.Preview ? PreviewShortSide : finalShortSide;
        var scale = (double)shortSide / Math.Min(aspect.Wide, aspect.Tall);
        return Output(Even(aspect.Wide * scale), Even(aspect.Tall * scale), mode);
    }

    private static RenderOutput Output(int width, int height, RenderMode mode) =>
        mode == RenderMode.Preview ? Preview(width, height) : Final(width, height);

    /// <summary>yuv420p needs both sides even.</summary>
    private static int Even(double value) => (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2;
}

/// <summary>Preview: small and fast, to check a storyboard. Final: the deliverable.</summary>
public enum RenderMode
{
    Preview,
    Final,
}
