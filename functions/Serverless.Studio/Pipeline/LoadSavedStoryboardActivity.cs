using Microsoft.DurableTask;
using Serverless.Studio.Characters;
using Serverless.Studio.Projects;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Pipeline;

/// <summary>
/// The project's saved storyboard as the user left it, with the characters its bible casts (every edit applied); null
/// when the storyboard is gone (the video then plans its own). One step rather than a load and a cast, as each step
/// of a video is a task-hub round trip.
/// </summary>
public sealed class LoadSavedStoryboardActivity(StoryboardStore storyboards, CharacterBibleStore bibles, TimeProvider time) : TaskActivity<VideoRequest, SavedStoryboard?>
{
    public override async Task<SavedStoryboard?> RunAsync(TaskActivityContext context, VideoRequest input)
    {
        if (await storyboards.FindAsync(input.UserId, input.ProjectId) is not { } storyboard)
        {
            return null;
        }

        var cast = await new CastCharactersActivity(bibles, time).RunAsync(context, new CastCharactersInput(input, []));
        return new SavedStoryboard(storyboard, cast);
    }
}
