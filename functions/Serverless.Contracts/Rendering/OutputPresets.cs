namespace Serverless.Contracts.Rendering;

/// <summary>
/// Encoder settings of each render mode, shared by the function app (which sizes the jobs it queues) and the
/// worker's platform presets, so a preview is the same everywhere.
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
}
