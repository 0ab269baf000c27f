using Microsoft.DurableTask;
using Serverless.Studio.Characters;
using Serverless.Studio.Screenplays;

namespace Serverless.Studio.Pipeline;

public sealed record CastCharactersInput(VideoRequest Request, IReadOnlyList<Character> Declared);

/// <summary>
/// Merges the script's declarations into the project's character bible and returns the characters with every
/// edit applied (appearance, voice, colour), which is what the storyboard, pictures and voices then use.
/// </summary>
public sealed class CastCharactersActivity(CharacterBibleStore bibles, TimeProvider time) : TaskActivity<CastCharactersInput, IReadOnlyList<Character>>
{
    public override async Task<IReadOnlyList<Character>> RunAsync(TaskActivityContext context, CastCharactersInput input)
    {
        var request = input.Request;
        var merged = await bibles.MergeAsync(request.UserId, request.ProjectId, input.Declared, time.GetUtcNow());
        return merged.ToCharacters();
    }
}
