using Serverless.Studio.Assets;
using Serverless.Studio.Projects;

namespace Serverless.Studio.Characters;

/// <summary>Reads and edits a project's character bible on behalf of the project's owner.</summary>
public sealed class CharacterService(ProjectStore projects, CharacterBibleStore bibles, ProjectAssetStore assets, VoiceChoices voices, TimeProvider time)
{
    private const int MaxNameLength = 40;
    private const int MaxAttributes = 20;
    private const int MaxAttributeLength = 40;
    private const int MaxAppearanceLength = 500;

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

    public async Task<Outcome<CharacterProfile>> AddAsync(string userId, string projectId, CharacterDraft draft, CancellationToken cancellationToken = default)
    {
        var bible = await FindAsync(userId, projectId, cancellationToken);
        if (bible is null)
        {
            return Outcome<CharacterProfile>.NotFound();
        }

        if (string.IsNullOrWhiteSpace(draft.Name))
        {
            return Outcome<CharacterProfile>.Invalid("name", "required");
        }

        if (bible.Characters.Count >= CharacterBible.MaxCharacters)
        {
            return Outcome<CharacterProfile>.Invalid("name", $"a project holds at most {CharacterBible.MaxCharacters} characters");
        }

        var profile = new CharacterProfile { Id = CharacterBible.NewId(), Name = "" };
        return await ApplyAsync(userId, bible, profile, draft, cancellationToken);
    }

    public async Task<Outcome<CharacterProfile>> EditAsync(
        string userId, string projectId, string characterId, CharacterDraft draft, CancellationToken cancellationToken = default)
    {
        var bible = await FindAsync(userId, projectId, cancellationToken);
        if (bible?.Find(characterId) is not { } profile)
        {
            return Outcome<CharacterProfile>.NotFound();
        }

        return await ApplyAsync(userId, bible, profile, draft, cancellationToken);
    }

    public async Task<bool> RemoveAsync(string userId, string projectId, string characterId, CancellationToken cancellationToken = default)
    {
        var bible = await FindAsync(userId, projectId, cancellationToken);
        if (bible?.Find(characterId) is null)
        {
            return false;
        }

        await bibles.SaveAsync(bible.Without(characterId, time.GetUtcNow()), cancellationToken);
        return true;
    }

    private async Task<Outcome<CharacterProfile>> ApplyAsync(
        string userId, CharacterBible bible, CharacterProfile profile, CharacterDraft draft, CancellationToken cancellationToken)
    {
        if (draft.Name is { } rawName)
        {
            var name = rawName.Trim();
            if (name.Length is 0 or > MaxNameLength)
            {
                return Outcome<CharacterProfile>.Invalid("name", $"1 to {MaxNameLength} characters");
            }

            if (bible.FindByName(name) is { } other && other.Id != profile.Id)
            {
                return Outcome<CharacterProfile>.Invalid("name", $"the project already has a character named '{name}'");
            }

            profile = profile with { Name = name };
        }

        if (draft.Attributes is { } attributes)
        {
            if (attributes.Count > MaxAttributes || attributes.Any(a => a is null || a.Trim().Length is 0 or > MaxAttributeLength))
            {
                return Outcome<CharacterProfile>.Invalid("attributes", $"at most {MaxAttributes} non-empty attributes of at most {MaxAttributeLength} characters");
            }

            profile = profile with { Attributes = attributes.Select(a => a.Trim()).ToList(), AttributesEdited = true };
        }

        if (draft.Appearance is { } appearance)
        {
            if (appearance.Length > MaxAppearanceLength)
            {
                return Outcome<CharacterProfile>.Invalid("appearance", $"at most {MaxAppearanceLength} characters");
            }

            profile = profile with { Appearance = Cleared(appearance) };
        }

        if (draft.VoiceId is { } voice)
        {
            if (voice.Length > 0 && !voices.Contains(voice))
            {
                return Outcome<CharacterProfile>.Invalid("voice_id", $"one of {string.Join(", ", voices.All)}");
            }

            profile = profile with { VoiceId = Cleared(voice) };
        }

        if (draft.Color is { } color)
        {
            if (color.Length > 0 && !CharacterColor.TryNormalize(color, out color))
            {
                return Outcome<CharacterProfile>.Invalid("color", "a colour as #rrggbb");
            }

            profile = profile with { Color = Cleared(color) };
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
                    return Outcome<CharacterProfile>.Invalid("reference_image_asset_id", "an uploaded image asset of this project");
                }

                profile = profile with { ReferenceImageAssetId = asset.Id, ReferenceImage = asset.Blob };
            }
        }

        await bibles.SaveAsync(bible.With(profile, time.GetUtcNow()), cancellationToken);
        return Outcome<CharacterProfile>.Ok(profile);
    }

    private static string? Cleared(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
