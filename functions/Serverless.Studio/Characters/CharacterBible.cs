using System.Security.Cryptography;
using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Characters;

/// <summary>
/// A project's characters: what the script declares, merged with what users edit through the API
/// (Cosmos container <c>characters</c>, one document per project, partitioned by <c>/projectId</c>).
/// </summary>
public sealed record CharacterBible(string Id, string ProjectId, string UserId, IReadOnlyList<CharacterProfile> Characters, DateTimeOffset UpdatedAt)
{
    /// <summary>Most characters one project may hold; everything a user can send is bounded.</summary>
    public const int MaxCharacters = 100;

    public static CharacterBible Empty(string projectId, string userId, DateTimeOffset now) => new(projectId, projectId, userId, [], now);

    public CharacterProfile? Find(string characterId) => Characters.FirstOrDefault(c => c.Id == characterId);

    public CharacterProfile? FindByName(string name) =>
        Characters.FirstOrDefault(c => string.Equals(c.Name, name.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Takes in the script's declarations. A new name joins the bible; a known one takes the declared attributes
    /// unless a user edited them or the declaration is bare (a later bare mention keeps what was declared).
    /// The look follows the script until a user edits it. Appearance, voice, colour and reference image are only ever set
    /// through the API, so re-parsing keeps them.
    /// </summary>
    public CharacterBible Merge(IEnumerable<Character> declared, DateTimeOffset now)
    {
        var characters = Characters.ToList();
        foreach (var character in declared)
        {
            var index = characters.FindIndex(c => string.Equals(c.Name, character.Name.Trim(), StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                if (characters.Count < MaxCharacters)
                {
                    characters.Add(new CharacterProfile { Id = NewId(), Name = character.Name.Trim(), Attributes = character.Attributes, Look = character.Look, Declared = true });
                }

                continue;
            }

            var known = characters[index];
            characters[index] = known with
            {
                Declared = true,
                Attributes = known.AttributesEdited || character.Attributes.Count == 0 ? known.Attributes : character.Attributes,
                Look = known.LookEdited || character.Look is null ? known.Look : character.Look,
            };
        }

        return this with { Characters = characters, UpdatedAt = now };
    }

    public CharacterBible With(CharacterProfile profile, DateTimeOffset now)
    {
        var characters = Characters.ToList();
        var index = characters.FindIndex(c => c.Id == profile.Id);
        if (index < 0)
        {
            characters.Add(profile);
        }
        else
        {
            characters[index] = profile;
        }

        return this with { Characters = characters, UpdatedAt = now };
    }

    /// <summary>
    /// Gives the narrator <paramref name="voiceId"/>: the narration lines speak in it (they name no character, so the
    /// bible's entry under a narrator's name, <c>旁白</c> or <c>Narrator</c>, stands for them). The entry is added under
    /// <paramref name="name"/> when the script declares none; a null voice changes nothing.
    /// </summary>
    public CharacterBible WithNarratorVoice(string name, string? voiceId, DateTimeOffset now)
    {
        if (voiceId is null)
        {
            return this;
        }

        var narrator = Narrator() ?? new CharacterProfile { Id = NewId(), Name = name };
        return With(narrator with { VoiceId = voiceId }, now);
    }

    /// <summary>The entry that speaks the narration: the first under a narrator's name.</summary>
    public CharacterProfile? Narrator() => Characters.FirstOrDefault(c => ScriptKeys.IsNarrator(c.Name));

    public CharacterBible Without(string characterId, DateTimeOffset now) =>
        this with { Characters = Characters.Where(c => c.Id != characterId).ToList(), UpdatedAt = now };

    /// <summary>The characters as the pipeline uses them, with every edit applied.</summary>
    public IReadOnlyList<Character> ToCharacters() => Characters.Select(c => c.ToCharacter()).ToList();

    public static string NewId() => "chr_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
}
