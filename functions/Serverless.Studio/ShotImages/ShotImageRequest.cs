using Serverless.Contracts.Rendering;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.ShotImages;

/// <summary>What one shot's picture must show: framing, place, time of day, who is in frame and what is said.</summary>
public sealed record ShotImageRequest
{
    public required string ShotId { get; init; }

    public required ShotFraming Framing { get; init; }

    /// <summary>Where the scene plays, e.g. 现代都市街道 or "INT. KITCHEN"; keywords pick the scenery.</summary>
    public required string Location { get; init; }

    /// <summary>Time of day, e.g. 傍晚, morning, NIGHT; drives the palette.</summary>
    public required string Time { get; init; }

    /// <summary>The scene's resolved place and light; without it they are read from <see cref="Location"/> and <see cref="Time"/>.</summary>
    public SceneSetting? Setting { get; init; }

    /// <summary>Characters in frame, in the order the script introduces them.</summary>
    public IReadOnlyList<Character> Characters { get; init; } = [];

    /// <summary>Who speaks the line, if anyone; the speech bubble's tail points at them.</summary>
    public string? Speaker { get; init; }

    /// <summary>The speaker is heard, not seen (O.S., V.O., 画外音): they are not drawn.</summary>
    public bool OffScreen { get; init; }

    /// <summary>Speech-bubble text for dialogue, caption text for narration and action.</summary>
    public string? Text { get; init; }

    public ScriptLineType LineType { get; init; }

    /// <summary>anime, chinese, comic or chibi; anything else draws as anime.</summary>
    public string Style { get; init; } = "anime";

    /// <summary>The user's description of the picture, which wins over the planned one where it names a place or a light.</summary>
    public string? PromptOverride { get; init; }

    public required int Width { get; init; }

    public required int Height { get; init; }

    /// <summary>The camera move the render will make over this picture; lettering stays where the move never hides it.</summary>
    public CameraMotion Motion { get; init; } = CameraMotion.Still;

    /// <summary>
    /// The margins of the video the platform's own buttons and captions cover (the preset's, as subtitles and the
    /// watermark use); lettering stays clear of them too. Null: only the move's margins.
    /// </summary>
    public SafeArea? SafeArea { get; init; }
}
