namespace Serverless.Contracts.Rendering;

/// <summary>
/// Encoder settings of each render mode and output sizes per publishing platform, for whoever sizes the jobs it queues
/// (the function app, the render benchmark), so a preview is the same everywhere.
/// </summary>
public static class OutputPresets
{
    /// <summary>Previews are 540 px on the short side (issue 5).</summary>
    public const int PreviewShortSide = 540;

    /// <summary>
    /// A preview checks framing, timing and sound, which 15 fps shows; half the frames halve the zoom and the
    /// encode, which is what takes the reference preview past 8x realtime on 2 cores (workers/README.md).
    /// </summary>
    public const int PreviewFramesPerSecond = 15;

    /// <summary>VBV ceiling at 1080p of a video made for no platform in particular.</summary>
    public const int DefaultMaxRateKbps = 8000;

    /// <summary>Small and fast: the fastest x264 preset, a coarse CRF, lean audio.</summary>
    public static RenderOutput Preview(int width, int height) => new()
    {
        Width = width, Height = height, FramesPerSecond = PreviewFramesPerSecond, Preset = "ultrafast", Crf = 30, AudioBitrateKbps = 96, Preview = true,
    };

    /// <summary>The deliverable: 30 fps, x264 veryfast, CRF 23 (22 at 4K, where artefacts show more).</summary>
    public static RenderOutput Final(int width, int height) => new()
    {
        Width = width, Height = height, FramesPerSecond = 30, Preset = "veryfast", Crf = Math.Min(width, height) >= 2160 ? 22 : 23, AudioBitrateKbps = 128,
    };

    public static IReadOnlyCollection<string> Platforms => PlatformPresets.Names;

    /// <summary>
    /// The platform's preset (<see cref="PlatformPresets"/>) fixes the shape, frame rate, bitrate ceiling, loudness,
    /// longest duration and safe area; the mode and the final resolution (720, 1080 or 2160 on the short side) fix the
    /// size and the encoder's speed.
    /// </summary>
    /// <param name="platform">A name from <see cref="Platforms"/>, or "custom" with <paramref name="customWidth"/> and <paramref name="customHeight"/>.</param>
    /// <param name="finalShortSide">720, 1080 or 2160: the final render's short side.</param>
    public static RenderOutput For(string platform, RenderMode mode, int finalShortSide = 1080, int? customWidth = null, int? customHeight = null)
    {
        CheckShortSide(finalShortSide);
        if (string.Equals(platform, "custom", StringComparison.OrdinalIgnoreCase))
        {
            if (customWidth is not > 0 || customHeight is not > 0)
            {
                throw new ArgumentException("A custom preset needs a width and a height.", nameof(platform));
            }

            return mode == RenderMode.Final
                ? Applied(Final(Even(customWidth.Value), Even(customHeight.Value)), null)
                : Sized(customWidth.Value, customHeight.Value, mode, finalShortSide, null);
        }

        var preset = PlatformPresets.Find(platform)
            ?? throw new ArgumentException($"Unknown platform '{platform}'; known: {string.Join(", ", Platforms)}, custom.", nameof(platform));
        return Sized(preset.AspectWide, preset.AspectTall, mode, finalShortSide, preset);
    }

    /// <summary>A video of an aspect ratio ("9:16") made for no platform: default loudness, a title-safe border, no length limit.</summary>
    public static RenderOutput ForAspectRatio(string aspectRatio, RenderMode mode, int finalShortSide = 1080)
    {
        CheckShortSide(finalShortSide);
        var parts = (aspectRatio ?? "").Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var wide) || !int.TryParse(parts[1], out var tall) || wide <= 0 || tall <= 0)
        {
            throw new ArgumentException($"'{aspectRatio}' is not an aspect ratio like 9:16.", nameof(aspectRatio));
        }

        return Sized(wide, tall, mode, finalShortSide, null);
    }

    private static void CheckShortSide(int finalShortSide)
    {
        if (finalShortSide is not (720 or 1080 or 2160))
        {
            throw new ArgumentOutOfRangeException(nameof(finalShortSide), finalShortSide, "Final renders are 720p, 1080p or 4K (2160).");
        }
    }

    private static RenderOutput Sized(int wide, int tall, RenderMode mode, int finalShortSide, PlatformPreset? preset)
    {
        var shortSide = mode == RenderMode.Preview ? PreviewShortSide : finalShortSide;
        var scale = (double)shortSide / Math.Min(wide, tall);
        var (width, height) = (Even(wide * scale), Even(tall * scale));
        var output = mode == RenderMode.Preview ? Preview(width, height) : Final(width, height);
        if (mode == RenderMode.Final && preset is not null)
        {
            output = output with { FramesPerSecond = preset.FramesPerSecond };
        }

        return Applied(output, preset);
    }

    /// <summary>
    /// The preset's ceilings on an output of any size: the bitrate ceiling scales with the pixel count against the same
    /// shape at 1080p (a 540p preview gets a quarter, 4K four times), the buffer holds two seconds at the ceiling.
    /// </summary>
    private static RenderOutput Applied(RenderOutput output, PlatformPreset? preset)
    {
        var shortSide = Math.Min(output.Width, output.Height) / 1080.0;
        var pixels = shortSide * shortSide;
        var maxRate = (int)Math.Round((preset?.MaxRateKbps ?? DefaultMaxRateKbps) * pixels / 100.0) * 100;
        maxRate = Math.Max(500, maxRate);
        return output with
        {
            Platform = preset?.Name,
            MaxRateKbps = maxRate,
            BufSizeKbits = maxRate * 2,
            LoudnessLufs = preset?.LoudnessLufs ?? PlatformPresets.DefaultLoudnessLufs,
            TruePeakDbtp = preset?.TruePeakDbtp ?? PlatformPresets.DefaultTruePeakDbtp,
            MaxDurationSeconds = preset?.MaxDurationSeconds,
            SafeArea = preset?.SafeArea ?? SafeArea.TitleSafe,
        };
    }

    /// <summary>yuv420p needs both sides even.</summary>
    private static int Even(double value) => (int)Math.Round(value / 2, MidpointRounding.AwayFromZero) * 2;
}

/// <summary>Preview: small and fast, to check a storyboard. Final: the deliverable.</summary>
public enum RenderMode
{
    Preview,
    Final,
}
