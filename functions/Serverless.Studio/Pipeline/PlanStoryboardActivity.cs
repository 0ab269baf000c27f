using Microsoft.DurableTask;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Pipeline;

/// <summary>Plans the shots of the video from the parsed script; same script and seed, same storyboard.</summary>
public sealed class PlanStoryboardActivity(StoryboardPlanner planner) : TaskActivity<PlanStoryboardInput, Storyboard>
{
    public override Task<Storyboard> RunAsync(TaskActivityContext context, PlanStoryboardInput input)
    {
        var request = input.Request;
        var options = new StoryboardOptions(request.Style, request.AspectRatio, request.Seed, request.TargetDurationSeconds);
        return Task.FromResult(planner.Plan(input.Screenplay, options));
    }
}
