using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Characters;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;

namespace Serverless.Studio.VideoTemplates;

/// <summary>
/// Users' templates: checked whole before they are stored (a template that saves always renders), versioned on every
/// edit; built-ins cannot be changed.
/// </summary>
public sealed class VideoTemplateService(VideoTemplateStore store, VoiceChoices voices, TimeProvider time, ILogger<VideoTemplateService> logger)
{
    public const int MaxNameLength = 100;
    public const int MaxCallToActionLength = 200;
    public const int MaxPictureMotions = 16;
    public const int MaxToneLength = 200;

    /// <summary>Locales a template may be written for.</summary>
    public static IReadOnlyList<string> Locales { get; } = ["zh-CN", "en-US"];

    public Task<IReadOnlyList<VideoTemplate>> ListAsync(string userId, CancellationToken cancellationToken = default) =>
        store.ListAsync(userId, cancellationToken);

    public async Task<Outcome<VideoTemplate>> FindAsync(string userId, string id, CancellationToken cancellationToken = default) =>
        await store.FindAsync(userId, id, cancellationToken) is { } template ? Outcome<VideoTemplate>.Ok(template) : Outcome<VideoTemplate>.NotFound();

    public async Task<Outcome<VideoTemplate>> CreateAsync(string userId, TemplateDraft draft, CancellationToken cancellationToken = default)
    {
        if (Check(draft) is { } invalid)
        {
            return invalid;
        }

        var now = time.GetUtcNow();
        var template = Apply(new VideoTemplate
        {
            Id = "tpl_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            UserId = userId,
            Name = "",
            Locale = "",
            Body = "",
            Style = "",
            CreatedAt = now,
        }, draft, now);
        await store.UpsertAsync(template, cancellationToken);
        logger.LogInformation("Template {TemplateId} created by {UserId}", template.Id, userId);
        return Outcome<VideoTemplate>.Ok(template);
    }

    /// <summary>Replaces a user's template; its version goes up, so the videos made from the old one count as stale.</summary>
    public async Task<Outcome<VideoTemplate>> ReplaceAsync(string userId, string id, TemplateDraft draft, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(userId, id, cancellationToken) is not { } existing)
        {
            return Outcome<VideoTemplate>.NotFound();
        }

        if (existing.BuiltIn)
        {
            return Outcome<VideoTemplate>.Conflict("built-in templates are read-only; create a copy to change it");
        }

        if (Check(draft) is { } invalid)
        {
            return invalid;
        }

        var template = Apply(existing, draft, time.GetUtcNow()) with { Version = existing.Version + 1 };
        await store.UpsertAsync(template, cancellationToken);
        logger.LogInformation("Template {TemplateId} of {UserId} is now version {Version}", id, userId, template.Version);
        return Outcome<VideoTemplate>.Ok(template);
    }

    public async Task<Outcome<string>> DeleteAsync(string userId, string id, CancellationToken cancellationToken = default)
    {
        if (BuiltInTemplates.Find(id) is not null)
        {
            return Outcome<string>.Conflict("built-in templates are read-only");
        }

        return await store.DeleteAsync(userId, id, cancellationToken) ? Outcome<string>.Ok(id) : Outcome<string>.NotFound();
    }

    private static VideoTemplate Apply(VideoTemplate template, TemplateDraft draft, DateTimeOffset now) => template with
    {
        Name = draft.Name!.Trim(),
        Locale = Locales.First(l => l.Equals(draft.Locale, StringComparison.OrdinalIgnoreCase)),
        Body = draft.Body!,
        Style = draft.Style ?? "comic",
        PlatformPreset = PlatformPresets.Find(draft.PlatformPreset)?.Name,
        Music = string.IsNullOrWhiteSpace(draft.Music) ? null : draft.Music.Trim(),
        Voice = string.IsNullOrWhiteSpace(draft.Voice) ? null : draft.Voice,
        Layout = draft.Layout ?? new TemplateLayout(),
        Tone = string.IsNullOrWhiteSpace(draft.Tone) ? null : draft.Tone.Trim(),
        ScriptSource = ScriptDrafts.ScriptSources.Find(draft.ScriptSource) is ScriptDrafts.ScriptSources.Llm ? ScriptDrafts.ScriptSources.Llm : null,
        UpdatedAt = now,
    };

    /// <summary>The first thing wrong with <paramref name="draft"/>; a template's syntax errors point at their line and column.</summary>
    private Outcome<VideoTemplate>? Check(TemplateDraft draft)
    {
        if (string.IsNullOrWhiteSpace(draft.Name) || draft.Name.Trim().Length > MaxNameLength)
        {
            return Outcome<VideoTemplate>.Invalid("name", $"required, at most {MaxNameLength} characters");
        }

        if (draft.Locale is null || !Locales.Contains(draft.Locale, StringComparer.OrdinalIgnoreCase))
        {
            return Outcome<VideoTemplate>.Invalid("locale", $"one of {string.Join(", ", Locales)}");
        }

        if (string.IsNullOrWhiteSpace(draft.Body))
        {
            return Outcome<VideoTemplate>.Invalid("body", "required: the screenplay with {{variables}}");
        }

        if (ScriptTemplate.Validate(draft.Body) is [var first, ..] errors)
        {
            var more = errors.Count > 1 ? $" ({errors.Count - 1} more after it)" : "";
            return Outcome<VideoTemplate>.Invalid("body", $"{first.Kind}: {first.Message}{more}", first.Line) with { Column = first.Column };
        }

        if (draft.Style is not null && !VideoFormat.Styles.Contains(draft.Style))
        {
            return Outcome<VideoTemplate>.Invalid("style", $"one of {string.Join(", ", VideoFormat.Styles)}");
        }

        if (draft.PlatformPreset is not null && PlatformPresets.Find(draft.PlatformPreset) is null)
        {
            return Outcome<VideoTemplate>.Invalid("platform_preset", $"one of {string.Join(", ", PlatformPresets.Names)}");
        }

        if (draft.Music is { Length: > Catalog.MusicLibrary.MaxNameLength })
        {
            return Outcome<VideoTemplate>.Invalid("music", $"at most {Catalog.MusicLibrary.MaxNameLength} characters");
        }

        if (!string.IsNullOrWhiteSpace(draft.Voice) && !voices.Contains(draft.Voice))
        {
            return Outcome<VideoTemplate>.Invalid("voice", "a voice id of GET /api/v1/voices");
        }

        if (draft.Tone is { Length: > MaxToneLength })
        {
            return Outcome<VideoTemplate>.Invalid("tone", $"at most {MaxToneLength} characters");
        }

        if (draft.ScriptSource is not null && ScriptDrafts.ScriptSources.Find(draft.ScriptSource) is null)
        {
            return Outcome<VideoTemplate>.Invalid("script_source", $"one of {string.Join(", ", ScriptDrafts.ScriptSources.All)}");
        }

        if (draft.Layout is { } layout
            && (layout.CallToAction is { Length: > MaxCallToActionLength }
                || layout.PictureMotions is null || layout.PictureMotions.Count is 0 or > MaxPictureMotions
                || layout.PictureMotions.Any(m => !Enum.IsDefined(m))))
        {
            return Outcome<VideoTemplate>.Invalid("layout",
                $"picture_motions: 1 to {MaxPictureMotions} of {string.Join(", ", Enum.GetNames<CameraMotion>())}; call_to_action at most {MaxCallToActionLength} characters");
        }

        return null;
    }

    /// <summary>The culture a template writes prices and lists in.</summary>
    public static CultureInfo CultureOf(VideoTemplate template) => CultureInfo.GetCultureInfo(template.Locale);
}
