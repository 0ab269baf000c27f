namespace Serverless.Contracts.Rendering;

/// <summary>
/// What a publishing platform expects of an upload: shape, frame rate, a bitrate ceiling its upload rules accept without
/// a second harsh re-encode, the loudness it plays at, the longest video it takes, and the margins its own buttons and
/// captions cover. The one table of these (<see cref="PlatformPresets"/>) is read by the app and the worker alike.
/// </summary>
/// <param name="MaxRateKbps">VBV ceiling at 1080p on the short side; other sizes scale it by their pixel count.</param>
/// <param name="LoudnessLufs">Integrated loudness (EBU R128) the final mix is brought to.</param>
/// <param name="TruePeakDbtp">True-peak ceiling of the final mix.</param>
public sealed record PlatformPreset(
    string Name,
    int AspectWide,
    int AspectTall,
    int FramesPerSecond,
    int MaxRateKbps,
    double LoudnessLufs,
    double TruePeakDbtp,
    double MaxDurationSeconds,
    SafeArea SafeArea)
{
    public string AspectRatio => $"{AspectWide}:{AspectTall}";
}

/// <summary>Margins of the frame the platform's interface covers, as fractions of the frame's width (left, right) and height (top, bottom).</summary>
public sealed record SafeArea(double Top, double Bottom, double Left, double Right)
{
    /// <summary>Nothing covered: for custom sizes, whose player is unknown, beyond a small title-safe border.</summary>
    public static readonly SafeArea TitleSafe = new(0.05, 0.05, 0.05, 0.05);
}

/// <summary>The publishing platforms a video can be made for (DESIGN section 6, issue 13).</summary>
public static class PlatformPresets
{
    /// <summary>Loudness of a video made for no platform: where the short-video feeds play.</summary>
    public const double DefaultLoudnessLufs = -14;
    public const double DefaultTruePeakDbtp = -1;

    // Vertical feeds: the top holds the tabs and status bar, the bottom the author, caption and music line, the right
    // the like/comment/share column. Landscape players cover a strip at the bottom (controls, progress bar) and a
    // title bar on top. Ceilings are at or under what each platform recommends for 1080p, so it re-encodes gently.
    // Loudness: the short-video apps and YouTube normalise near -14 LUFS; Bilibili plays quieter, near -16.
    private static readonly PlatformPreset[] Table =
    [
        new("douyin", 9, 16, 30, 6000, -14, -1, 15 * 60, new SafeArea(Top: 0.10, Bottom: 0.22, Left: 0.06, Right: 0.15)),
        new("kuaishou", 9, 16, 30, 6000, -14, -1, 10 * 60, new SafeArea(Top: 0.10, Bottom: 0.20, Left: 0.06, Right: 0.15)),
        new("tiktok", 9, 16, 30, 6000, -14, -1, 10 * 60, new SafeArea(Top: 0.08, Bottom: 0.23, Left: 0.06, Right: 0.13)),
        new("youtube-shorts", 9, 16, 30, 8000, -14, -1, 3 * 60, new SafeArea(Top: 0.08, Bottom: 0.20, Left: 0.06, Right: 0.14)),
        new("bilibili", 16, 9, 30, 6000, -16, -1, 60 * 60, new SafeArea(Top: 0.06, Bottom: 0.12, Left: 0.05, Right: 0.05)),
        new("youtube", 16, 9, 30, 8000, -14, -1, 12 * 60 * 60, new SafeArea(Top: 0.08, Bottom: 0.12, Left: 0.05, Right: 0.05)),
        new("square", 1, 1, 30, 6000, -14, -1, 60 * 60, new SafeArea(Top: 0.06, Bottom: 0.10, Left: 0.05, Right: 0.05)),
    ];

    private static readonly Dictionary<string, PlatformPreset> ByName = Table.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<PlatformPreset> All => Table;

    public static IReadOnlyCollection<string> Names => Table.Select(p => p.Name).ToList();

    public static PlatformPreset? Find(string? name) => name is not null && ByName.TryGetValue(name, out var preset) ? preset : null;
}
