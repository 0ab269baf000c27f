using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Providers.Refinement;

/// <summary>Revisions to a planned storyboard, and the tokens the analysis cost.</summary>
public sealed record StoryboardRefinement(IReadOnlyList<ShotRefinement> Shots, long InputTokens = 0, long OutputTokens = 0)
{
    public static readonly StoryboardRefinement None = new([]);

    /// <summary>Longer prompts are cut: image models reject them and a runaway answer should not reach one.</summary>
    public const int MaxImagePromptLength = 1000;

    /// <summary>
    /// The storyboard with the revisions applied. Revisions of unknown shots and blank prompts are ignored; timing,
    /// order and text never change, so a refinement cannot break the fit to speech or the subtitles.
    /// </summary>
    public Storyboard ApplyTo(Storyboard storyboard)
    {
        ArgumentNullException.ThrowIfNull(storyboard);
        var byId = Shots.GroupBy(s => s.ShotId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last(), StringComparer.Ordinal);
        if (byId.Count == 0)
        {
            return storyboard;
        }

        var shots = storyboard.Shots.Select(shot =>
        {
            if (!byId.TryGetValue(shot.Id, out var revision))
            {
                return shot;
            }

            var prompt = revision.ImagePrompt.Trim();
            return shot with
            {
                Framing = revision.Framing,
                ImagePrompt = prompt.Length == 0 ? shot.ImagePrompt : prompt.Length > MaxImagePromptLength ? prompt[..MaxImagePromptLength] : prompt,
            };
        }).ToList();
        return storyboard with { Shots = shots };
    }
}
