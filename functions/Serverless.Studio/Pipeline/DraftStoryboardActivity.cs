using Microsoft.DurableTask;
using Serverless.Studio.Characters;
using Serverless.Studio.Projects;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Shots;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Pipeline;

/// <summary>
/// What <see cref="DraftStoryboardActivity"/> made: the saved storyboard, the characters its pictures use and how many
/// of its first shots it drew (0 or 1); or why the script could not be used.
/// </summary>
public sealed record DraftedStoryboard(Storyboard? Storyboard, IReadOnlyList<Character> Cast, string? Error, int Drawn = 0);

/// <summary>
/// The first steps of a storyboard in one activity: parse the script, cast its characters, plan the shots, save the
/// storyboard and, when the task draws its pictures (<see cref="VideoRequest.ShotsToDraw"/>), draw the first shot onto it;
/// each step through its own activity's code.
/// </summary>
/// <remarks>
/// These steps follow each other with nothing in between to wait for, so one activity spares the task four round trips
/// through the task hub's queues (each up to its polling interval, seconds on a loaded host) before the studio can show
/// the plan and its first picture. A retry runs every step again, as a retried activity would: the bible merge, the
/// whole-storyboard save and the picture (a deterministic blob name) are idempotent.
/// </remarks>
public sealed class DraftStoryboardActivity(
    AssetStore assets,
    CharacterBibleStore bibles,
    StoryboardPlanner planner,
    StoryboardStore storyboards,
    ShotImageFallback images,
    ShotAssetRecorder recorder,
    TimeProvider time)
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
        if (input.ShotsToDraw is not > 0 || storyboard.Shots.Count == 0)
        {
            return new DraftedStoryboard(storyboard, cast, null);
        }

        await new DrawShotActivity(images, assets, recorder).RunAsync(context, new DrawShotInput(input, storyboard.Shots[0], cast, OntoStoryboard: true));
        return new DraftedStoryboard(storyboard, cast, null, Drawn: 1);
    }
}
