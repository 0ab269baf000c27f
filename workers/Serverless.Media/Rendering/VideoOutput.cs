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

    /// <summary>VBV ceiling and buffer (<c>-maxrate</c>/<c>-bufsize</c>), so a busy stretch stays under the platform's bitrate; null, CRF alone.</summary>
    public int? MaxRateKbps { get; init; }
    public int? BufSizeKbits { get; init; }

    /// <summary>Where the mix is levelled to (EBU R128); null, the mix plays as it was summed.</summary>
    public LoudnessTarget? Loudness { get; init; }

    /// <summary>Margins the platform's interface covers: subtitles and the watermark stay inside them. Null, none.</summary>
    public SafeMargins? SafeArea { get; init; }
}

/// <param name="Lufs">Integrated loudness to reach, within <see cref="Tolerance"/>.</param>
/// <param name="TruePeakDb">True-peak ceiling in dBTP.</param>
/// <param name="Exact">
/// Final renders measure the levelled mix again and correct once (the limiter takes a little loudness off loud peaks);
/// previews stop after the first gain, which is close and costs one pass less.
/// </param>
public sealed record LoudnessTarget(double Lufs, double TruePeakDb, bool Exact = true)
{
    /// <summary>How far the integrated loudness may sit from the target (issue 13).</summary>
    public const double Tolerance = 0.5;
}

/// <summary>Fractions of the frame's height (top, bottom) and width (left, right) that the platform's own interface covers.</summary>
public sealed record SafeMargins(double Top, double Bottom, double Left, double Right);
