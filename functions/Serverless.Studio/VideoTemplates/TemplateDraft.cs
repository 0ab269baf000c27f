namespace Serverless.Studio.VideoTemplates;

/// <summary>A template as a user writes it (create and replace); <see cref="VideoTemplateService"/> checks every field.</summary>
public sealed record TemplateDraft(
    string? Name,
    string? Locale,
    string? Body,
    string? Style,
    string? PlatformPreset,
    string? Music,
    string? Voice,
    TemplateLayout? Layout,
    string? Tone = null,
    string? ScriptSource = null);
