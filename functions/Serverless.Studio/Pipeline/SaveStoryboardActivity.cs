using Serverless.Durable;
using Serverless.Studio.Projects;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Pipeline;

public sealed record SaveStoryboardInput(VideoRequest Request, Storyboard Storyboard);

/// <summary>Makes a planned storyboard the project's current one, so the user can read it (and approve it) before anything is drawn.</summary>
public sealed class SaveStoryboardActivity(StoryboardStore storyboards, TimeProvider time) : TaskActivity<SaveStoryboardInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, SaveStoryboardInput input)
    {
        var request = input.Request;
        await storyboards.SaveAsync(new StoryboardDocument(request.ProjectId, request.ProjectId, request.UserId, request.TaskId, input.Storyboard, time.GetUtcNow()));
        return true;
    }
}
