using Microsoft.DurableTask;
using Serverless.Studio.Projects;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Pipeline;

/// <summary>The project's saved storyboard as the user left it; null when it is gone (the video then plans its own).</summary>
public sealed class LoadSavedStoryboardActivity(StoryboardStore storyboards) : TaskActivity<VideoRequest, Storyboard?>
{
    public override async Task<Storyboard?> RunAsync(TaskActivityContext context, VideoRequest input) =>
        await storyboards.FindAsync(input.UserId, input.ProjectId);
}
