using Microsoft.DurableTask;
using Serverless.Studio.Characters;
using Serverless.Studio.Projects;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Pipeline;

/// <summary>
/// What <see cref="DraftStoryboardActivity"/> made: the saved storyboard and the characters its pictures use, or why the
/// script could not be used.
/// </summary>
public sealed record DraftedStoryboard(Storyboard? Storyboard, IReadOnlyList<Character> Cast, string? Error);

/// <summary>
/// The first steps of a video in one activity: parse the script, cast its characters, plan the shots and save the
/// storyboard, each through its own activity's code.
/// </summary>
/// <remarks>
/// A storyboard task runs these back to back with nothing in between to wait for, so one activity spares it three
/// round trips through the task hub's queues before the plan is on the project (and its first picture can start).
/// Each step may run again on a retry, as each activity may: the bible merge and the whole-storyboard save are
/// idempotent.
/// </remarks>
public sealed class DraftStoryboardActivity(
    AssetStore assets, CharacterBibleStore bibles, StoryboardPlanner planner, StoryboardStore storyboards, TimeProvider time)
    : TaskActivity<VideoRequest, DraftedStoryboard>
{
    public override async Task<DraftedStoryboard> RunAsync(TaskActivityContext context, VideoRequest input)
    {
        var parsed = await new ParseScriptActivity(assets).RunAsync(context, input.Script);
        if (parsed.Screenplay is not { } screenplay)
        {
            return new DraftedStoryboard(null, [], parsed.Error);
        }

        var cast = await new CastCharactersActivity(bibles, time).RunAsync(context, new CastCharactersInput(input, screenplay.Characters));
        var storyboard = await new PlanStoryboardActivity(planner).RunAsync(context, new PlanStoryboardInput(input, screenplay with { Characters = cast }));
        await new SaveStoryboardActivity(storyboards).RunAsync(context, new SaveStoryboardInput(input, storyboard));
        return new DraftedStoryboard(storyboard, cast, null);
    }
}
