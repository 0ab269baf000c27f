using Serverless.Studio.Assets;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;

namespace Serverless.Studio.Characters;

/// <summary>Reads and edits a project's character bible on behalf of the project's owner.</summary>
public sealed class CharacterService(
    ProjectStore projects, CharacterBibleStore bibles, ProjectAssetStore assets, StoryboardStore storyboards, VoiceChoices voices, TimeProvider time)
{
    private const int MaxNameLength = 40;
    private const int MaxAttributes = 20;
    private const int MaxAttributeLength = 40;
    private const int MaxAppearanceLength = 500;
    private const int MaxProps = 8;

    /// <summary>Writes lost to a concurrent one before an edit without If-Match gives up.</summary>
    private const int MaxAttempts = 5;

    private const string StaleEdit = "the character bible changed since it was read (If-Match); read it again and redo the edit";

    /// <summary>The bible, empty until the script is parsed or a character is added; null when the project is not the user's.</summary>
    public async Task<CharacterBible?> FindAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        var project = StudioIds.IsProjectId(projectId) ? await projects.FindAsync(userId, projectId, cancellationToken) : null;
        if (project is null)
        {
            return null;
        }

        return await bibles.FindAsync(userId, projectId, cancellationToken) ?? CharacterBible.Empty(projectId, userId, project.CreatedAt);
    }

    /// <summary>The bible with its version (an ETag for <c>If-Match</c>; null until first saved); null when the project is not the user's.</summary>
    public async Task<(CharacterBible Bible, string? ETag)?> FindVersionAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        var project = StudioIds.IsProjectId(projectId) ? await projects.FindAsync(userId, projectId, cancellationToken) : null;
        if (project is null)
        {
            return null;
        }

        var (bible, etag) = await bibles.FindVersionAsync(userId, projectId, cancellationToken);
        return (bible ?? CharacterBible.Empty(projectId, userId, project.CreatedAt), etag);
    }

    public async Task<Outcome<CharacterProfile>> AddAsync(string userId, string projectId, CharacterDraft draft, CancellationToken cancellationToken = default) =>
        (await ChangeAsync(userId, projectId, ifMatch: null, bible =>
        {
            if (string.IsNullOrWhiteSpace(draft.Name))
            {
                return Task.FromResult(Unchanged(Outcome<CharacterProfile>.Invalid("name", "required")));
            }

            if (bible.Characters.Count >= CharacterBible.MaxCharacters)
            {
                return Task.FromResult(Unchanged(Outcome<CharacterProfile>.Invalid("name", $"a project holds at most {CharacterBible.MaxCharacters} characters")));
            }

            var profile = new CharacterProfile { Id = CharacterBible.NewId(), Name = "" };
            return ApplyAsync(userId, bible, profile, draft, cancellationToken);
        }, cancellationToken)).Outcome;

    /// <summary>
    /// Edits one character. With <paramref name="ifMatch"/> (the bible's ETag as the client read it) an edit that lost
    /// the race to another is refused as a conflict; without it the edit is applied to the bible as it now stands.
    /// Answers the bible's new ETag with the edited character. An edit that changes how the character is drawn (look,
    /// attributes, colour or appearance) drops the saved pictures of the character's shots, so the next render, generate
    /// or regenerate draws them anew.
    /// </summary>
    public async Task<(Outcome<CharacterProfile> Outcome, string? ETag)> EditAsync(
        string userId, string projectId, string characterId, CharacterDraft draft, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        CharacterProfile? before = null;
        var edited = await ChangeAsync(userId, projectId, ifMatch, bible => (before = bible.Find(characterId)) is { } profile
            ? ApplyAsync(userId, bible, profile, draft, cancellationToken)
            : Task.FromResult(Unchanged(Outcome<CharacterProfile>.NotFound())), cancellationToken);
        if (before is { } previous && edited.Outcome.Value is { } character && (draft.Look is not null || DrawnDifferently(previous, character)))
        {
            // The character's saved pictures show the old look: without them a render draws their shots again.
            await storyboards.UpdateAsync(userId, projectId, current => current is null || !current.Shots.Any(s => Shows(s, previous, character)) ? null
                : current with { Shots = current.Shots.Select(s => Shows(s, previous, character) ? s with { Image = null, ImageProvider = null } : s).ToList() },
                cancellationToken: cancellationToken);
        }

        return edited;

        // Shots name the character as the storyboard was planned, which a rename in this edit no longer matches.
        static bool Shows(Storyboards.StoryboardShot shot, CharacterProfile before, CharacterProfile after) =>
            shot.Image is not null && (shot.CharactersInFrame.Contains(before.Name, StringComparer.OrdinalIgnoreCase)
                || shot.CharactersInFrame.Contains(after.Name, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Whether the pictures change: the illustrator draws the look, which the attributes and the colour refine, and the
    /// cloud prompt states the appearance. The studio sends every field on each save, so only a changed value counts.
    /// </summary>
    private static bool DrawnDifferently(CharacterProfile before, CharacterProfile after) =>
        !before.Attributes.SequenceEqual(after.Attributes, StringComparer.Ordinal)
        || !string.Equals(before.Color, after.Color, StringComparison.Ordinal)
        || !string.Equals(before.Appearance, after.Appearance, StringComparison.Ordinal);

    public async Task<Outcome<string>> RemoveAsync(string userId, string projectId, string characterId, CancellationToken cancellationToken = default) =>
        (await ChangeAsync(userId, projectId, ifMatch: null, bible => Task.FromResult(bible.Find(characterId) is null
            ? Unchanged(Outcome<string>.NotFound())
            : ((CharacterBible?)bible.Without(characterId, time.GetUtcNow()), Outcome<string>.Ok(characterId))), cancellationToken)).Outcome;

    /// <summary>
    /// Read, change, write under the bible's ETag: a write that lost to another is redone on the fresh bible (a few
    /// times), unless the client pinned the version it read with <paramref name="ifMatch"/>, which then gets a conflict.
    /// </summary>
    private async Task<(Outcome<T> Outcome, string? ETag)> ChangeAsync<T>(
        string userId, string projectId, string? ifMatch, Func<CharacterBible, Task<(CharacterBible? Next, Outcome<T> Outcome)>> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            await EntityTags.BackOffAsync(attempt, cancellationToken);
            if (await FindVersionAsync(userId, projectId, cancellationToken) is not var (bible, etag))
            {
                return (Outcome<T>.NotFound(), null);
            }

            if (ifMatch is not null && !EntityTags.Same(ifMatch, etag))
            {
                return (Outcome<T>.Conflict(StaleEdit), null);
            }

            var (next, outcome) = await change(bible);
            if (next is null)
            {
                return (outcome, etag);
            }

            if (await bibles.TrySaveAsync(next, etag, cancellationToken) is { } saved)
            {
                return (outcome, saved);
            }

            if (ifMatch is not null)
            {
                return (Outcome<T>.Conflict(StaleEdit), null);
            }
        }

        return (Outcome<T>.Conflict("the character bible is being edited by others at this moment; try again"), null);
    }

    private static (CharacterBible? Next, Outcome<T> Outcome) Unchanged<T>(Outcome<T> outcome) => (null, outcome);

    private async Task<(CharacterBible? Next, Outcome<CharacterProfile> Outcome)> ApplyAsync(
        string userId, CharacterBible bible, CharacterProfile profile, CharacterDraft draft, CancellationToken cancellationToken)
    {
        if (draft.Name is { } rawName)
        {
            var name = rawName.Trim();
            if (name.Length is 0 or > MaxNameLength)
            {
                return Unchanged(Outcome<CharacterProfile>.Invalid("name", $"1 to {MaxNameLength} characters"));
            }

            if (bible.FindByName(name) is { } other && other.Id != profile.Id)
            {
                return Unchanged(Outcome<CharacterProfile>.Invalid("name", $"the project already has a character named '{name}'"));
            }

            profile = profile with { Name = name };
        }

        if (draft.Attributes is { } attributes)
        {
            if (attributes.Count > MaxAttributes || attributes.Any(a => a is null || a.Trim().Length is 0 or > MaxAttributeLength))
            {
                return Unchanged(Outcome<CharacterProfile>.Invalid("attributes", $"at most {MaxAttributes} non-empty attributes of at most {MaxAttributeLength} characters"));
            }

            profile = profile with { Attributes = attributes.Select(a => a.Trim()).ToList(), AttributesEdited = true };
        }

        if (draft.Appearance is { } appearance)
        {
            if (appearance.Length > MaxAppearanceLength)
            {
                return Unchanged(Outcome<CharacterProfile>.Invalid("appearance", $"at most {MaxAppearanceLength} characters"));
            }

            profile = profile with { Appearance = Cleared(appearance) };
        }

        if (draft.VoiceId is { } voice)
        {
            if (voice.Length > 0 && !voices.Contains(voice))
            {
                return Unchanged(Outcome<CharacterProfile>.Invalid("voice_id", $"one of {string.Join(", ", voices.All)}"));
            }

            profile = profile with { VoiceId = Cleared(voice) };
        }

        if (draft.Color is { } color)
        {
            if (color.Length > 0 && !CharacterColor.TryNormalize(color, out color))
            {
                return Unchanged(Outcome<CharacterProfile>.Invalid("color", "a colour as #rrggbb"));
            }

            profile = profile with { Color = Cleared(color) };
        }

        if (draft.Look is { } lookEdit)
        {
            if (Edited(profile, lookEdit) is not { } look)
            {
                return Unchanged(Outcome<CharacterProfile>.Invalid("look", $"gender one of female, male, unspecified; age one of child, teen, adult, senior; palette colours as #rrggbb; at most {MaxProps} props from {string.Join(", ", LookWords.Props.Select(p => p.Prop))}, each optionally after a colour"));
            }

            profile = profile with { Look = look, LookEdited = true };
        }

        if (draft.ReferenceImageAssetId is { } assetId)
        {
            if (assetId.Length == 0)
            {
                profile = profile with { ReferenceImageAssetId = null, ReferenceImage = null };
            }
            else
            {
                var asset = await assets.FindAsync(userId, bible.ProjectId, assetId, cancellationToken);
                if (asset is not { Status: AssetStatus.Ready } || !asset.ContentType.StartsWith("image/", StringComparison.Ordinal))
                {
                    return Unchanged(Outcome<CharacterProfile>.Invalid("reference_image_asset_id", "an uploaded image asset of this project"));
                }

                profile = profile with { ReferenceImageAssetId = asset.Id, ReferenceImage = asset.Blob };
            }
        }

        return (bible.With(profile, time.GetUtcNow()), Outcome<CharacterProfile>.Ok(profile));
    }

    /// <summary>The look with the edit applied over the current (or else the attributes') look; null when the edit is invalid.</summary>
    private static CharacterLook? Edited(CharacterProfile profile, CharacterLookEdit edit)
    {
        if ((edit.Gender is { } gender && !Enum.IsDefined(gender)) || (edit.Age is { } age && !Enum.IsDefined(age)))
        {
            return null;
        }

        var current = profile.Look ?? CharacterLooks.Of(profile.ToCharacter());
        var palette = current.Palette;
        if (edit.Palette?.Clothing is { } clothing)
        {
            if (!CharacterColor.TryNormalize(clothing, out clothing))
            {
                return null;
            }

            palette = palette with { Clothing = clothing };
        }

        if (edit.Palette?.Hair is { } hair)
        {
            if (!CharacterColor.TryNormalize(hair, out hair))
            {
                return null;
            }

            palette = palette with { Hair = hair };
        }

        var props = current.Props;
        if (edit.Props is { } edited)
        {
            if (edited.Count > MaxProps || edited.Any(p => p is null || !IsProp(p)))
            {
                return null;
            }

            props = edited.Select(p => p.Trim().ToLowerInvariant()).Distinct().ToList();
        }

        return current with { Gender = edit.Gender ?? current.Gender, Age = edit.Age ?? current.Age, Palette = palette, Props = props };
    }

    // "notebook" or "red notebook": a drawable prop, optionally after one of the colour words the script reader knows.
    private static bool IsProp(string phrase)
    {
        var words = phrase.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.Length is 1 or 2 && LookWords.Props.Any(p => p.Prop == words[^1]) && (words.Length == 1 || LookWords.ColorNames.Contains(words[0]));
    }

    private static string? Cleared(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
