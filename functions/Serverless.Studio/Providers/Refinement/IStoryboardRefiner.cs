using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Providers.Refinement;

/// <summary>Script analysis after planning: revises shot framing and image prompts of a storyboard.</summary>
public interface IStoryboardRefiner
{
    Task<StoryboardRefinement> RefineAsync(Storyboard storyboard, CancellationToken cancellationToken = default);
}
