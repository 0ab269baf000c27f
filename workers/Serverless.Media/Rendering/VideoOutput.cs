namespace Serverless.Media.Rendering;

/// <summary>The encoded video's size, frame rate and encoder settings; checked before they reach ffmpeg's command line.</summary>
public sealed record VideoOutput
{
    public required int Width { get; init; }
    public required int Height { get; init; }
    public int FramesPerSecond { get; init; } = 30;

    /// <summary>x264 preset name; NVENC gets the nearest of its own.</summary>
    public string Preset { get; init; } = "veryfast";
    public int Crf { get; init; } = 23;
    public int AudioBitrateKbps { get; init; } = 128;
}
