using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Providers.Refinement;

/// <summary>Refines a storyboard with Azure OpenAI chat when configured and healthy, otherwise keeps the rules' plan.</summary>
public sealed class StoryboardRefinementFallback(IStoryboardRefiner offline, IStoryboardRefiner? cloud, ProviderFallback fallback)
{
    /// <summary>The refined storyboard and which provider analysed it.</summary>
    public async Task<Provided<Storyboard>> RefineAsync(Storyboard storyboard, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(storyboard);
        var refinement = await fallback.ExecuteAsync(
            cloud is null ? null : token => cloud.RefineAsync(storyboard, token),
            token => offline.RefineAsync(storyboard, token),
            r => new UsageSample(InputTokens: r.InputTokens, OutputTokens: r.OutputTokens),
            cancellationToken).ConfigureAwait(false);
        return new Provided<Storyboard>(refinement.Value.ApplyTo(storyboard), refinement.Provider);
    }
}
