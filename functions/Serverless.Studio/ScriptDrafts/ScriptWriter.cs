using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Studio.Accounts;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Screenplays;
using Serverless.Studio.VideoTemplates;

namespace Serverless.Studio.ScriptDrafts;

/// <summary>
/// Writes a product video's script. From the template, offline: the deterministic fill. From a chat model (through
/// <see cref="ChatFallback"/>, the user's providers then the operator's, each call on the usage ledger): the reply must
/// be a screenplay the parser reads within the preset's length; a reply that is not is sent back once with what is
/// wrong, and after a second miss, or with no model, the fill stands in and the draft says why.
/// </summary>
public sealed class ScriptWriter(ChatFallback chat, ScriptLimits limits, IOptions<ScriptLimitOptions> limitOptions, VideoQuota quota, ILogger<ScriptWriter> logger)
{
    /// <summary>A reply longer than this is no script for one short video; it is refused without parsing it.</summary>
    public const int MaxReplyCharacters = 20_000;

    private const int Tries = 2;

    /// <summary>
    /// The script for <paramref name="brief"/> from <paramref name="source"/>. Each chat call is billed as
    /// <paramref name="billing"/> with the try's number after its call key. With <paramref name="llmRequired"/> a missing
    /// chat model is the caller's <see cref="ChatUnavailableException"/> instead of the fill.
    /// </summary>
    public async Task<ScriptDraft> WriteAsync(ScriptBrief brief, string source, bool llmRequired, BilledCall billing, CancellationToken cancellationToken = default)
    {
        var filled = ProductScript.Write(brief.Template, brief.Fields);
        if (source != ScriptSources.Llm)
        {
            return new ScriptDraft(filled, ScriptSources.Template);
        }

        var plan = await quota.PlanOfAsync(billing.UserId, cancellationToken);
        var (maxSeconds, _) = limits.DurationCap(plan, brief.Preset);
        var turns = new List<ChatTurn> { new(ChatTurn.User, ScriptPrompt.Ask(brief, filled, maxSeconds, limitOptions.Value.MaxLineCharacters)) };
        var problem = "";
        for (var attempt = 1; attempt <= Tries; attempt++)
        {
            Provided<ChatReply> reply;
            try
            {
                using (UsageAttribution.Begin(billing with { CallKey = $"{billing.CallKey}:{attempt}" }))
                {
                    reply = await chat.ReplyAsync(turns, null, cancellationToken);
                }
            }
            catch (ChatUnavailableException e) when (!llmRequired)
            {
                // Without a model (or with every provider failing) the video is still made, from the template.
                return Fallback(filled, brief, e.NoModel ? $"no chat model: {e.Message}" : $"the chat model failed: {e.Message}");
            }

            var written = Unfenced(reply.Value.Content);
            // Checked before the call to action is added, whose narrator line alone would make any prose a screenplay.
            var script = ProductScript.EndOnCallToAction(brief.Template, written);
            if ((Problem(written, VideoTemplateService.CultureOf(brief.Template)) ?? limits.Exceeded(script, null, plan, brief.Preset)?.Reason) is not { } found)
            {
                logger.LogInformation("Script for template {TemplateId} written by {Provider} model {Model} (try {Attempt})",
                    brief.Template.Id, reply.Provider, reply.Value.Model, attempt);
                return new ScriptDraft(script, ScriptSources.Llm, reply.Value.Model, reply.Provider);
            }

            problem = found;
            turns.Add(new ChatTurn(ChatTurn.Assistant, Bounded(reply.Value.Content)));
            turns.Add(new ChatTurn(ChatTurn.User, ScriptPrompt.Retry(found)));
        }

        return Fallback(filled, brief, $"the model's script was refused {Tries} times: {problem}");
    }

    /// <summary>What the studio could not use in <paramref name="script"/>, or null when it is a screenplay with speech in the template's language.</summary>
    private static string? Problem(string script, CultureInfo language)
    {
        if (script.Length > MaxReplyCharacters)
        {
            return $"it is {script.Length} characters long, over {MaxReplyCharacters}";
        }

        if (script.Contains("{{", StringComparison.Ordinal))
        {
            return "it still holds template fields ({{...}}); write the values themselves";
        }

        var parsed = ScreenplayParser.Parse(script);
        if (parsed.Screenplay is not { } screenplay)
        {
            return $"the screenplay parser refused it: {parsed.Error}";
        }

        var spoken = screenplay.Scenes.SelectMany(s => s.Shots).Where(l => l.IsSpoken).ToList();
        return spoken.Count == 0 ? "it has no spoken lines" : LanguageProblem(spoken, language);
    }

    /// <summary>
    /// Whether the speech is in the template's language as far as its writing shows, which is what the voices and the
    /// captions go by: mostly Han, kana or Hangul for Chinese, Japanese and Korean, mostly other words for the rest.
    /// "Mostly" counts a CJK character against a word, so a brand name in Latin letters inside Chinese lines is fine.
    /// </summary>
    private static string? LanguageProblem(IReadOnlyList<ScriptLine> spoken, CultureInfo language)
    {
        var (cjk, words) = (0, 0);
        foreach (var line in spoken)
        {
            var units = TextUnits.Count(line.Text);
            (cjk, words) = (cjk + units.CjkCharacters, words + units.Words);
        }

        var writtenInCjk = cjk > words;
        var wantsCjk = language.TwoLetterISOLanguageName is "zh" or "ja" or "ko";
        var name = CultureInfo.GetCultureInfo(language.TwoLetterISOLanguageName).EnglishName;
        return writtenInCjk == wantsCjk || cjk + words == 0 ? null : $"the spoken lines are not in {name}; write every spoken line in {name}";
    }

    /// <summary>The script in a reply: a Markdown code fence around it is taken off.</summary>
    private static string Unfenced(string reply)
    {
        var text = reply.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var start = text.IndexOf('\n', fence);
            var end = start < 0 ? -1 : text.IndexOf("```", start, StringComparison.Ordinal);
            text = start < 0 ? "" : (end < 0 ? text[(start + 1)..] : text[(start + 1)..end]).Trim();
        }

        return text;
    }

    /// <summary>A refused reply goes back to the model with the retry; one too long to read is cut.</summary>
    private static string Bounded(string reply) => reply.Length <= MaxReplyCharacters ? reply : reply[..MaxReplyCharacters];

    private ScriptDraft Fallback(string filled, ScriptBrief brief, string reason)
    {
        logger.LogWarning("Script for template {TemplateId} filled from the template instead of a chat model: {Reason}", brief.Template.Id, reason);
        return new ScriptDraft(filled, ScriptSources.Template, Reason: reason);
    }
}
