using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;

namespace Serverless.Studio.Footage;

/// <summary>The highlights after a judgement, best first and numbered again, and what the user should know about it.</summary>
public sealed record JudgedHighlights(IReadOnlyList<Highlight> Highlights, string? Note);

/// <summary>
/// Asks a chat model, when one serves the footage's owner (<see cref="ChatFallback"/>: their providers, then the
/// operator's deployment), to judge the picked highlights: per highlight a score, the selling point, a hook line and a
/// title. The model's score is combined with the rules' (<see cref="HighlightJudgeOptions.Weight"/>). The call is billed
/// as the caller's <see cref="BilledCall"/>. No model, a failing one or an unusable reply leaves the rules' scores, and
/// the last two say so in the note: a judgement never fails the analysis.
/// </summary>
public sealed class HighlightJudge(ChatFallback chat, IOptions<HighlightJudgeOptions> options, ILogger<HighlightJudge> logger)
{
    public async Task<JudgedHighlights> JudgeAsync(IReadOnlyList<Highlight> highlights, string language, BilledCall call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(highlights);
        ArgumentNullException.ThrowIfNull(call);
        var o = options.Value;
        var sent = Candidates(highlights, o);
        if (!o.Enabled || sent.Count == 0)
        {
            // Nothing to read (no words recognized) or judging is off: the rules are the whole answer, nothing is billed.
            return new JudgedHighlights(highlights, null);
        }

        Provided<ChatReply> reply;
        try
        {
            using (UsageAttribution.Begin(call))
            {
                var prompt = HighlightVerdicts.Prompt(sent.Select(s => (s.Id, s.Text)).ToList(), language);
                reply = await chat.ReplyAsync([new ChatTurn(ChatTurn.User, prompt)], string.IsNullOrWhiteSpace(o.Model) ? null : o.Model, cancellationToken);
            }
        }
        catch (ChatUnavailableException e) when (e.NoModel)
        {
            return new JudgedHighlights(highlights, null);
        }
        catch (ChatUnavailableException e)
        {
            logger.LogWarning("Footage {Task}: no chat model answered the highlight judgement ({Reason}); rules only.", call.TaskId, e.Message);
            return new JudgedHighlights(highlights, "The chat model that judges highlights did not answer; they are scored by rules.");
        }

        var (verdicts, problem) = HighlightVerdicts.Parse(reply.Value.Content, sent.Select(s => s.Id).ToHashSet(StringComparer.Ordinal));
        if (problem is not null)
        {
            logger.LogWarning("Footage {Task}: the highlight judgement of {Provider} {Model} is unusable ({Problem}); rules only.",
                call.TaskId, reply.Provider, reply.Value.Model, problem);
            return new JudgedHighlights(highlights, $"The chat model's judgement of the highlights could not be used ({problem}); they are scored by rules.");
        }

        var byHighlight = sent.Where(s => verdicts.ContainsKey(s.Id)).ToDictionary(s => s.HighlightId, s => verdicts[s.Id], StringComparer.Ordinal);
        var judged = highlights
            .Select(h => byHighlight.TryGetValue(h.Id, out var v) ? Combined(h, v, o.Weight) : h)
            // A stable sort: spans the combined score ties keep the picker's order.
            .OrderByDescending(h => h.Score)
            .Select((h, i) => h with { Id = $"hl_{i + 1}" })
            .ToList();
        logger.LogInformation("Footage {Task}: {Judged} of {Count} highlights judged by {Provider} {Model}.",
            call.TaskId, byHighlight.Count, highlights.Count, reply.Provider, reply.Value.Model);
        return new JudgedHighlights(judged, null);
    }

    /// <summary>
    /// The highlights sent in the order given (the picker's, best by rules first), each transcript cut to its share;
    /// candidates are <c>c1</c>, <c>c2</c>, ...
    /// </summary>
    private static List<(string Id, string HighlightId, string Text)> Candidates(IReadOnlyList<Highlight> highlights, HighlightJudgeOptions o)
    {
        var sent = new List<(string, string, string)>();
        var total = 0;
        foreach (var h in highlights.Where(h => h.Text.Length > 0).Take(o.MaxCandidates))
        {
            var text = Cut(h.Text, o.MaxCharactersPerCandidate);
            if (total + text.Length > o.MaxCharacters)
            {
                break;
            }

            total += text.Length;
            sent.Add(($"c{sent.Count + 1}", h.Id, text));
        }

        return sent;
    }

    private static string Cut(string text, int max)
    {
        if (text.Length <= max)
        {
            return text;
        }

        var space = text.LastIndexOf(' ', max - 2);
        return text[..(space > max / 2 ? space : max - 1)] + "…";
    }

    private static Highlight Combined(Highlight h, HighlightVerdict v, double weight) => h with
    {
        Score = Math.Round((weight * v.Score) + ((1 - weight) * h.Score), 3),
        Reason = v.SellingPoint is { } point
            ? $"{point} (model {v.Score.ToString("0.00", CultureInfo.InvariantCulture)}); {h.Reason}"
            : $"model {v.Score.ToString("0.00", CultureInfo.InvariantCulture)}; {h.Reason}",
        Title = v.Title,
        Hook = v.Hook,
        SellingPoint = v.SellingPoint,
        ScoredBy = HighlightScorers.Llm,
    };
}
