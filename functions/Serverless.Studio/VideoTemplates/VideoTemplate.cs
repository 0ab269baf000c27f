using Serverless.Contracts.Rendering;

namespace Serverless.Studio.VideoTemplates;

/// <summary>
/// A product video's recipe (Cosmos container <c>videoTemplates</c>, partitioned by <c>/userId</c>): a screenplay with
/// product fields in it (<see cref="ScriptTemplate"/>) and how it looks and sounds. Built-ins belong to
/// <see cref="BuiltInTemplates.Owner"/> and are read-only. <see cref="Version"/> grows with every edit, so a video made
/// from an older version is known to be stale.
/// </summary>
public sealed record VideoTemplate
{
    public required string Id { get; init; }
    public required string UserId { get; init; }
    public required string Name { get; init; }

    /// <summary>zh-CN or en-US: how prices and lists are written, and the language the script speaks.</summary>
    public required string Locale { get; init; }
    public required string Body { get; init; }

    /// <summary>One of <see cref="Pipeline.VideoFormat.Styles"/>, for shots without a product picture.</summary>
    public required string Style { get; init; }

    /// <summary>A name of <see cref="PlatformPresets"/>; the batch may name another.</summary>
    public string? PlatformPreset { get; init; }

    /// <summary>A music track id or category of the media catalog.</summary>
    public string? Music { get; init; }

    /// <summary>The narrator's voice id (<see cref="Characters.VoiceChoices"/>).</summary>
    public string? Voice { get; init; }

    /// <summary>How a chat model should sound when it writes the script (<c>playful, short sentences</c>); free text.</summary>
    public string? Tone { get; init; }

    /// <summary>
    /// <see cref="ScriptDrafts.ScriptSources"/>: <c>template</c> (null too) fills the body offline; <c>llm</c> has a chat
    /// model write the script in the body's voice, the fill standing in when none answers with a usable one.
    /// </summary>
    public string? ScriptSource { get; init; }

    public TemplateLayout Layout { get; init; } = new();
    public int Version { get; init; } = 1;
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; init; }

    public bool BuiltIn => UserId == BuiltInTemplates.Owner;
}

/// <summary>
/// How product pictures fill the shots: each shot shows the next picture (in turn), moving as <see cref="PictureMotions"/>
/// says; the shot that speaks the price zooms in on it (the price card, its subtitle burned in), and the last shot holds
/// the call to action.
/// </summary>
public sealed record TemplateLayout
{
    /// <summary>Camera motions the picture shots take in turn (Ken Burns pan and zoom).</summary>
    public IReadOnlyList<CameraMotion> PictureMotions { get; init; } = [CameraMotion.ZoomIn, CameraMotion.PanRight, CameraMotion.ZoomOut, CameraMotion.PanLeft];

    public bool PriceCard { get; init; } = true;

    /// <summary>Spoken by the narrator at the end when the script does not already end on it.</summary>
    public string? CallToAction { get; init; }
}
