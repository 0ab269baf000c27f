using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Providers.Refinement;

/// <summary>The offline analysis: the planner's rules already chose framing and composed prompts, so nothing changes.</summary>
public sealed class RulesStoryboardRefiner : IStoryboardRefiner
{
    public Task<StoryboardRefinement> RefineAsync(Storyboard storyboard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storyboard);
        return Task.FromResult(StoryboardRefinement.None);
    }
}
