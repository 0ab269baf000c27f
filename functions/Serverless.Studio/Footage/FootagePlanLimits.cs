using Microsoft.Extensions.Options;
using Serverless.Studio.Accounts;

namespace Serverless.Studio.Footage;

/// <summary>What one user's plan allows of a footage, and how a refusal names the limit.</summary>
public sealed record FootageAllowance(double MaxSeconds, long MaxSizeBytes, int MaxClips, string SizeLimit, string ClipLimit);

/// <summary>
/// The plan's footage limits (<see cref="PlanOptions.MaxFootageSeconds"/>, <see cref="PlanOptions.MaxFootageBytes"/>,
/// <see cref="PlanOptions.MaxClipsPerRequest"/>) held under the limits every plan shares (<see cref="FootageOptions"/>).
/// </summary>
public sealed class FootagePlanLimits(VideoQuota quota, IOptions<AccountOptions> accounts, IOptions<FootageOptions> options, IOptions<HighlightOptions> highlights)
{
    public async Task<FootageAllowance> ForAsync(string userId, CancellationToken cancellationToken = default)
    {
        var name = await quota.PlanOfAsync(userId, cancellationToken);
        var plan = accounts.Value.Plan(name);
        var (shared, most) = (options.Value, highlights.Value.MaxCount);
        var bytes = plan.MaxFootageBytes is { } b && b < shared.MaxSizeBytes
            ? (b, $"limit max_footage_bytes of the {name} plan")
            : (shared.MaxSizeBytes, "limit max_footage_bytes");
        var clips = plan.MaxClipsPerRequest is { } c && c < most
            ? (c, $"limit max_clips_per_request of the {name} plan")
            : (most, "limit max_clips_per_request");
        return new FootageAllowance(
            Math.Min(plan.MaxFootageSeconds ?? shared.MaxDurationSeconds, shared.MaxDurationSeconds), bytes.Item1, clips.Item1, bytes.Item2, clips.Item2);
    }
}
