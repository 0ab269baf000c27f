using Microsoft.Extensions.Options;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Records;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Providers.Ledger;

/// <summary>One capability of an estimate: the provider routing would try first, the units it would be paid for, their cost.</summary>
public sealed record EstimateItem(string Capability, string Provider, decimal Units, decimal Cost);

/// <summary>What a video's provider calls are expected to cost (USD), before any is made.</summary>
public sealed record CostEstimate(string Currency, decimal Total, IReadOnlyList<EstimateItem> Items)
{
    public const decimal MaxBudget = 100_000m;

    /// <summary>Why a budget a user sent cannot be used; null when it can.</summary>
    public static string? BudgetProblem(decimal budget) => budget is < 0 or > MaxBudget ? $"0 to {MaxBudget} USD" : null;

    /// <summary>Refuses a video expected to cost more than <paramref name="budget"/> before anything is called (403, 30005).</summary>
    public void ThrowIfOver(decimal budget)
    {
        if (Total > budget)
        {
            throw new BudgetExceededException(string.Create(
                System.Globalization.CultureInfo.InvariantCulture,
                $"Budget exceeded: the video is estimated at {Total:0.00##} USD, over its budget of {budget:0.00##} USD."));
        }
    }
}

/// <summary>
/// Prices a video from its storyboard plan and the routing, calling no provider: every shot to draw is one picture and
/// every spoken line its characters, priced by the provider a call would try first (the user's by priority, the
/// operator's, offline). The cache is not consulted, so the estimate is what the video costs at most when every first
/// provider answers. The storyboard is the rules' plan: the pipeline calls no chat model, so chat is never estimated.
/// </summary>
public sealed class CostEstimator(UserProviderCalls users, StoryboardPlanner planner, IOptions<AzureOpenAIOptions> azure)
{
    /// <summary>The estimate for a script, or the parser's reason when it is not a screenplay.</summary>
    public async Task<(CostEstimate? Estimate, string? Problem)> ForScriptAsync(string userId, string script, StoryboardOptions options, CancellationToken cancellationToken = default)
    {
        var parsed = ScreenplayParser.Parse(script);
        if (parsed.Screenplay is not { } screenplay)
        {
            return (null, parsed.Error);
        }

        var shots = planner.Plan(screenplay, options).Shots;
        return (await ForShotsAsync(userId, shots, shots.Where(s => s.LineType != ScriptLineType.Action).ToList(), cancellationToken), null);
    }

    /// <summary>The estimate for drawing <paramref name="toDraw"/> and speaking <paramref name="toSpeak"/>.</summary>
    public async Task<CostEstimate> ForShotsAsync(string userId, IReadOnlyList<StoryboardShot> toDraw, IReadOnlyList<StoryboardShot> toSpeak, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(toDraw);
        ArgumentNullException.ThrowIfNull(toSpeak);
        var items = new List<EstimateItem>
        {
            await PriceAsync(userId, ProviderCapabilities.Image, new UsageSample(Images: toDraw.Count), azure.Value.HasImages, cancellationToken),
            await PriceAsync(userId, ProviderCapabilities.Speech, new UsageSample(Characters: toSpeak.Sum(s => (long)SpeechFallback.SpokenCharacters(s.Text))), azure.Value.HasSpeech, cancellationToken),
        };
        return new CostEstimate(TaskBill.Usd, items.Sum(i => i.Cost), items);
    }

    private async Task<EstimateItem> PriceAsync(string userId, string capability, UsageSample planned, bool operatorServes, CancellationToken cancellationToken)
    {
        var first = (await users.RoutedAsync(userId, capability, cancellationToken)).FirstOrDefault();
        var provider = first?.Id ?? (operatorServes ? ProviderNames.AzureOpenAI : ProviderNames.Offline);

        // The operator's and the offline providers cost the user nothing.
        var charge = (first?.Prices ?? ProviderPrices.None).ChargeFor(capability, planned);
        return new EstimateItem(capability, provider, charge.Units, charge.Cost);
    }
}
