using Microsoft.DurableTask;
using Serverless.Studio.Projects;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Pipeline;

public sealed record SaveStoryboardInput(VideoRequest Request, Storyboard Storyboard);

/// <summary>Makes a planned storyboard the project's current one, so the user can read it (and approve it) before anything is drawn.</summary>
public sealed class SaveStoryboardActivity(StoryboardStore storyboards) : TaskActivity<SaveStoryboardInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SaveStoryboardInput input)
    {
        var request = input.Request;
        // A new plan replaces the old one whole, but still under its ETag: a write in between is seen, not silently raced.
        (await storyboards.UpdateAsync(request.UserId, request.ProjectId, _ => input.Storyboard, request.TaskId)).EnsureWritten(request.ProjectId);
        return true;
    }
}
