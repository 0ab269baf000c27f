using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Serverless.Studio.Footage;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Tests.Providers;
using Serverless.Testing.Providers;

namespace Serverless.Studio.Tests.Footage;

/// <summary>
/// The chat model's judgement of picked highlights, the operator's chat deployment played by the Azure OpenAI wire
/// server: it re-ranks and names the spans, it is metered, and every reply it cannot use leaves the rules' answer.
/// </summary>
public sealed class HighlightJudgeTests : IAsyncLifetime
{
    private static readonly HighlightPicker Picker = new(Options.Create(new HighlightOptions()));

    private static readonly string[] Talk =
    [
        "we spent the morning walking around the old part of town",
        "the weather was grey but nobody really minded it at all",
        "so how long does the battery last",
        "the new camera battery lasts two full days on one charge",
        "and the price is only forty nine dollars with free shipping",
        "after lunch we sat by the river and watched the boats go by",
        "there is a small bakery on the corner that opens very early",
        "my friend told me a long story about her first apartment",
        "later that evening the streets filled with people and music",
    ];

    private FakeAzureOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAzureOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_models_judgement_changes_the_ranking_and_fills_title_hook_and_selling_point()
    {
        var picked = Picked(4);
        var worst = picked[^1];
        _server.ChatContent = Reply(
            ("c1", 0.0, null, null, null),
            ("c2", 0.3, "steady talk", "hook two", "Title two"),
            ("c3", 0.3, "steady talk", "hook three", "Title three"),
            ("c4", 1.0, "A walk that sells the old town", "You have never seen this street", "The old town at dawn"));
        using var host = ProviderHost.Create(_server.Endpoint);
        var user = "judge-" + Guid.NewGuid().ToString("N");

        var judged = await Judge(host).JudgeAsync(picked, "en", new BilledCall(user, "ftg_1", "tsk_1", "highlights"));

        Assert.Null(judged.Note);
        Assert.Equal(["hl_1", "hl_2", "hl_3", "hl_4"], judged.Highlights.Select(h => h.Id));
        var first = judged.Highlights[0];
        Assert.Equal((worst.Start, worst.End, worst.Text), (first.Start, first.End, first.Text));
        Assert.Equal(("The old town at dawn", "You have never seen this street", "A walk that sells the old town", HighlightScorers.Llm),
            (first.Title, first.Hook, first.SellingPoint, first.ScoredBy));
        Assert.Equal(Math.Round((0.6 * 1.0) + (0.4 * worst.Score), 3), first.Score);
        Assert.StartsWith("A walk that sells the old town (model 1.00); ", first.Reason, StringComparison.Ordinal);
        Assert.EndsWith(worst.Reason, first.Reason, StringComparison.Ordinal);
        var formerBest = judged.Highlights.Single(h => h.Start == picked[0].Start);
        Assert.Equal(Math.Round(0.4 * picked[0].Score, 3), formerBest.Score);
        Assert.Null(formerBest.Title);
        Assert.Equal(judged.Highlights.OrderByDescending(h => h.Score).Select(h => h.Id), judged.Highlights.Select(h => h.Id));

        // The transcripts went as data, each under its candidate id, best by rules first.
        var prompt = SentPrompt();
        Assert.Contains($"\"id\":\"c1\",\"transcript\":\"{picked[0].Text}\"", prompt, StringComparison.Ordinal);
        Assert.Contains($"\"id\":\"c4\",\"transcript\":\"{worst.Text}\"", prompt, StringComparison.Ordinal);
        var chat = Assert.Single(await host.Get<IUsageMeter>().GetTotalsAsync(user));
        Assert.Equal((ProviderNames.AzureOpenAI, 321L, 45L), (chat.Provider, chat.InputTokens, chat.OutputTokens));
    }

    [Fact]
    public async Task Unknown_ids_are_ignored_scores_clamped_and_unjudged_spans_keep_the_rules_score()
    {
        var picked = Picked(3);
        _server.ChatContent = "```json\n" + """
            {"candidates":[
              {"id":"c99","score":1,"title":"not ours"},
              {"id":"c2","score":7,"title":"  Two\u0007 days on one charge  ","hook":"x","selling_point":"battery"},
              {"id":"c3","score":"high","title":"no number"},
              {"id":"c1","score":-3}
            ]}
            """ + "\n```";
        using var host = ProviderHost.Create(_server.Endpoint);

        var judged = await Judge(host).JudgeAsync(picked, "en", new BilledCall("judge-clamp", null, "tsk_2", "highlights"));

        Assert.Null(judged.Note);
        var two = judged.Highlights.Single(h => h.Start == picked[1].Start);
        Assert.Equal((HighlightScorers.Llm, "Two  days on one charge", Math.Round(0.6 + (0.4 * picked[1].Score), 3)), (two.ScoredBy, two.Title, two.Score));
        var one = judged.Highlights.Single(h => h.Start == picked[0].Start);
        Assert.Equal((HighlightScorers.Llm, Math.Round(0.4 * picked[0].Score, 3)), (one.ScoredBy, one.Score));
        var three = judged.Highlights.Single(h => h.Start == picked[2].Start);
        Assert.Equal(picked[2] with { Id = three.Id }, three);
        Assert.DoesNotContain(judged.Highlights, h => h.Title == "not ours" || h.Title == "no number");
    }

    [Theory]
    [InlineData("Sure! The second one is the best clip, it has a great hook.", "not JSON")]
    [InlineData("""{"candidates":[{"id":"c42","score":0.9},{"id":"hl_1","score":0.9}]}""", "judged none of the candidates")]
    [InlineData("""{"ranking":["c2","c1"]}""", "no candidates list")]
    public async Task A_reply_it_cannot_use_leaves_the_rules_scores_and_says_so(string reply, string reason)
    {
        var picked = Picked(3);
        _server.ChatContent = reply;
        using var host = ProviderHost.Create(_server.Endpoint);

        var judged = await Judge(host).JudgeAsync(picked, "en", new BilledCall("judge-bad", null, "tsk_3", "highlights"));

        Assert.Equal(picked, judged.Highlights);
        Assert.All(judged.Highlights, h => Assert.Equal(HighlightScorers.Rules, h.ScoredBy));
        Assert.Contains(reason, judged.Note, StringComparison.Ordinal);
        Assert.Contains("scored by rules", judged.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_model_leaves_the_rules_scores_and_says_so()
    {
        var picked = Picked(3);
        _server.Enqueue(FakeAzureOpenAIServer.Status(500));
        using var host = ProviderHost.Create(_server.Endpoint);

        var judged = await Judge(host).JudgeAsync(picked, "en", new BilledCall("judge-500", null, "tsk_4", "highlights"));

        Assert.Equal(picked, judged.Highlights);
        Assert.Contains("did not answer", judged.Note, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_no_chat_model_the_rules_are_the_answer_and_nothing_is_asked()
    {
        var picked = Picked(3);
        using var host = ProviderHost.Create(null);

        var judged = await Judge(host).JudgeAsync(picked, "en", new BilledCall("judge-none", null, "tsk_5", "highlights"));

        Assert.Equal(picked, judged.Highlights);
        Assert.All(judged.Highlights, h => Assert.Equal(HighlightScorers.Rules, h.ScoredBy));
        Assert.Null(judged.Note);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task What_is_sent_is_bounded_in_candidates_and_characters_and_spans_without_words_are_not_sent()
    {
        var picked = Picked(4);
        _server.ChatContent = Reply(("c2", 1.0, "sp", "hook", "title"));
        using var host = ProviderHost.Create(_server.Endpoint);
        var options = new HighlightJudgeOptions { MaxCandidates = 3, MaxCharactersPerCandidate = 100, MaxCharacters = 250 };

        var judged = await Judge(host, options).JudgeAsync(picked, "en", new BilledCall("judge-bounds", null, "tsk_6", "highlights"));

        var candidates = JsonNode.Parse(SentPrompt()[SentPrompt().LastIndexOf('[')..])!.AsArray();
        // Two fit in 250 characters at 100 each (the third would pass the total), each cut at a word and marked.
        Assert.Equal(["c1", "c2"], candidates.Select(c => c!["id"]!.GetValue<string>()));
        Assert.All(candidates, c => Assert.InRange(c!["transcript"]!.GetValue<string>().Length, 50, 100));
        Assert.All(candidates, c => Assert.EndsWith("…", c!["transcript"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Equal(picked[1].Start, judged.Highlights[0].Start);

        var silent = picked.Select(h => h with { Text = "" }).ToList();
        var unread = await Judge(host).JudgeAsync(silent, "zh", new BilledCall("judge-bounds", null, "tsk_7", "highlights"));
        Assert.Equal(silent, unread.Highlights);
        Assert.Single(_server.Requests);
    }

    private static HighlightJudge Judge(ProviderHost host, HighlightJudgeOptions? options = null) =>
        new(host.Get<ChatFallback>(), Options.Create(options ?? new HighlightJudgeOptions()), NullLogger<HighlightJudge>.Instance);

    /// <summary>The rules' best <paramref name="count"/> highlights of a talk about a camera among small talk.</summary>
    private static IReadOnlyList<Highlight> Picked(int count)
    {
        var fixture = new FootageFixture();
        for (var i = 0; i < 36; i++)
        {
            fixture.Say(Talk[i % Talk.Length]);
        }

        var picked = Picker.Pick(fixture.Analysis(), new HighlightRequest(Count: count)).Highlights;
        Assert.Equal(count, picked.Count);
        Assert.All(picked, h => Assert.Equal(HighlightScorers.Rules, h.ScoredBy));
        return picked;
    }

    private static string Reply(params (string Id, double Score, string? SellingPoint, string? Hook, string? Title)[] verdicts) =>
        new JsonObject
        {
            ["candidates"] = new JsonArray(verdicts.Select(v => (JsonNode)new JsonObject
            {
                ["id"] = v.Id, ["score"] = v.Score, ["selling_point"] = v.SellingPoint, ["hook"] = v.Hook, ["title"] = v.Title,
            }).ToArray()),
        }.ToJsonString();

    private string SentPrompt()
    {
        var request = Assert.Single(_server.Requests, r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));
        return JsonNode.Parse(request.Body)!["messages"]![0]!["content"]!.GetValue<string>();
    }
}
