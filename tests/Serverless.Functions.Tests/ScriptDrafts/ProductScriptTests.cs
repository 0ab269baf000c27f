using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Providers;
using Serverless.Studio.CatalogBatches;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Screenplays;
using Serverless.Studio.ScriptDrafts;

namespace Serverless.Functions.Tests.ScriptDrafts;

/// <summary>
/// Product and topic scripts on the local stack, the user's chat model played by the OpenAI wire server: a usable reply
/// is the script and is marked as the model's, a reply the parser or the length refuses goes back once and then the
/// template fills in with the reason, no model means the fill (or 30006 when the caller insists), every call is on the
/// ledger; in a batch the first script is kept for its inputs and the template's narrator voice speaks the narration.
/// </summary>
public sealed class ProductScriptTests(StudioAppFactory app) : IClassFixture<StudioAppFactory>, IAsyncLifetime
{
    private const decimal InputPer1k = 0.5m;
    private const decimal OutputPer1k = 1.5m;
    private const string CallToAction = "Order yours now.";
    private const string NarratorVoice = "f3";

    private const string GoodScript = """
        Scene: Bright kitchen, morning
        Narrator: Still waiting for your water to boil?
        [A kettle steams on the counter]
        Narrator: The Kettle Pro boils a litre in sixty seconds and shuts itself off.
        Narrator: All that for $39.99.
        """;

    private readonly HttpClient _client = app.CreateClient();
    private OpenAIWireServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIWireServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_product_script_comes_from_the_chat_model_marked_as_its_own_and_billed_on_the_ledger()
    {
        var (user, providerId) = await UserWithChatAsync();
        var (catalogId, templateId) = await CatalogAndTemplateAsync(user, scriptSource: null);
        _server.ChatReplies.Enqueue("```\n" + GoodScript + "\n```");

        var draft = await DraftAsync(user, new { product = new { catalog_id = catalogId, sku = "KET-1" }, template_id = templateId }, HttpStatusCode.OK);

        Assert.Equal((ScriptSources.Llm, "gpt-4o-mini", providerId), (Text(draft, "source"), Text(draft, "model"), Text(draft, "provider")));
        Assert.Equal(JsonValueKind.Null, draft.GetProperty("reason").ValueKind);
        var script = Text(draft, "script")!;
        Assert.StartsWith("Scene: Bright kitchen, morning\nNarrator: Still waiting", script);
        // The layout's call to action is spoken last even when the model leaves it out.
        Assert.EndsWith($"Narrator: {CallToAction}\n", script);
        Assert.True(ScreenplayParser.Parse(script).Succeeded);

        // The prompt gives the product's facts, its price as the locale writes it, the tone and the template's own fill.
        var asked = Assert.Single(ChatRequests()).Messages!.Single();
        Assert.Contains("- price: $39.99", asked);
        Assert.Contains("- selling point: Boils in 60 seconds", asked);
        Assert.Contains("Tone: warm and a little playful", asked);
        Assert.Contains("Narrator: Meet the Kettle Pro.", asked);
        Assert.Contains("at most 135 seconds", asked);

        var usage = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data");
        var line = Assert.Single(usage.GetProperty("items").EnumerateArray());
        Assert.Equal((providerId, "chat", 1), (Text(line, "provider"), Text(line, "capability"), line.GetProperty("calls").GetInt32()));
        Assert.Equal((OpenAIWireServer.ChatInputTokens * InputPer1k + OpenAIWireServer.ChatOutputTokens * OutputPer1k) / 1000, line.GetProperty("cost").GetDecimal());
    }

    [Fact]
    public async Task A_refused_reply_goes_back_once_with_the_error_and_a_second_miss_falls_back_to_the_template_with_the_reason()
    {
        var (user, _) = await UserWithChatAsync();
        var (catalogId, templateId) = await CatalogAndTemplateAsync(user, scriptSource: null);
        var product = new { catalog_id = catalogId, sku = "KET-1" };

        // Prose is no screenplay; the retry carries the parser's sentence and its good answer is used.
        _server.ChatReplies.Enqueue("Sure! Here is a lovely script about a kettle that boils fast.");
        _server.ChatReplies.Enqueue(GoodScript);
        var retried = await DraftAsync(user, new { product, template_id = templateId }, HttpStatusCode.OK);
        Assert.Equal(ScriptSources.Llm, Text(retried, "source"));
        var second = ChatRequests()[1].Messages!;
        Assert.Equal(3, second.Count);
        Assert.StartsWith("Sure! Here is", second[1]);
        Assert.Contains("the screenplay parser refused it: No scenes or lines were recognised", second[2]);

        // Two misses (prose, then a script far past youtube-shorts' 180 s): the template fill, and why.
        _server.ChatReplies.Enqueue("I cannot write scripts today.");
        _server.ChatReplies.Enqueue("Scene: Kitchen, day\n" + string.Concat(Enumerable.Repeat("Narrator: This kettle boils water faster than anything you have ever seen before.\n", 80)));
        var fallback = await DraftAsync(user, new { product, template_id = templateId, script_source = "llm" }, HttpStatusCode.OK);
        var filled = await DraftAsync(user, new { product, template_id = templateId, script_source = "template" }, HttpStatusCode.OK);
        Assert.Equal(ScriptSources.Template, Text(fallback, "source"));
        Assert.Equal(JsonValueKind.Null, fallback.GetProperty("model").ValueKind);
        Assert.Contains("refused 2 times", Text(fallback, "reason"));
        Assert.Contains("max_duration_seconds of youtube-shorts", Text(fallback, "reason"));
        Assert.Equal(Text(filled, "script"), Text(fallback, "script"));
        Assert.Equal((ScriptSources.Template, JsonValueKind.Null), (Text(filled, "source"), filled.GetProperty("reason").ValueKind));
        // Two drafts of two tries each, and the template fill asked nothing.
        Assert.Equal(4, ChatRequests().Count);

        var usage = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(4, Assert.Single(usage.GetProperty("items").EnumerateArray()).GetProperty("calls").GetInt32());
    }

    [Fact]
    public async Task A_script_in_another_language_than_the_templates_goes_back_naming_the_language()
    {
        var (user, _) = await UserWithChatAsync();
        var (catalogId, templateId) = await CatalogAndTemplateAsync(user, scriptSource: null);
        // A screenplay the parser reads, spoken in Chinese, for an en-US template: the voices and captions would be wrong.
        _server.ChatReplies.Enqueue("Scene: Kitchen, morning\nNarrator: 还在等水烧开吗？\nNarrator: 这款 Kettle Pro 六十秒烧开一升水。");
        _server.ChatReplies.Enqueue(GoodScript);

        var draft = await DraftAsync(user, new { product = new { catalog_id = catalogId, sku = "KET-1" }, template_id = templateId }, HttpStatusCode.OK);

        Assert.Equal(ScriptSources.Llm, Text(draft, "source"));
        Assert.StartsWith("Scene: Bright kitchen, morning", Text(draft, "script"));
        var retry = ChatRequests()[1].Messages!;
        Assert.Contains("the spoken lines are not in English; write every spoken line in English", retry[2]);
    }

    [Fact]
    public async Task Without_a_chat_model_the_template_fills_in_unless_the_caller_insists_on_llm_which_is_30006()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var templateId = await TemplateAsync(user, scriptSource: null);

        var draft = await DraftAsync(user, new { topic = "Spring tea tasting", template_id = templateId }, HttpStatusCode.OK);
        Assert.Equal(ScriptSources.Template, Text(draft, "source"));
        Assert.StartsWith("no chat model", Text(draft, "reason"));
        Assert.Contains("Narrator: Meet the Spring tea tasting.", Text(draft, "script"));

        await DraftAsync(user, new { topic = "Spring tea tasting", template_id = templateId, script_source = "llm" }, HttpStatusCode.Conflict, ErrorCodes.NoChatModel);
        Assert.Empty(ChatRequests());
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_400_and_another_users_product_is_not_found()
    {
        var (owner, _) = await UserWithChatAsync();
        var (catalogId, templateId) = await CatalogAndTemplateAsync(owner, scriptSource: null);
        var other = await ApiClient.RegisterAsync(_client);
        var otherTemplate = await TemplateAsync(other, scriptSource: null);
        var product = new { catalog_id = catalogId, sku = "KET-1" };

        await DraftAsync(other, new { product, template_id = otherTemplate }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, "product");
        await DraftAsync(other, new { topic = "tea", template_id = templateId }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, "template_id");
        await DraftAsync(owner, new { topic = "tea", product, template_id = templateId }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, "body");
        await DraftAsync(owner, new { template_id = templateId }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, "body");
        await DraftAsync(owner, new { topic = new string('t', ScriptDraftService.MaxTopicLength + 1), template_id = templateId }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, "topic");
        await DraftAsync(owner, new { topic = "tea", template_id = templateId, script_source = "poem" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, "script_source");
        await DraftAsync(owner, new { topic = "tea", template_id = templateId, platform_preset = "vine" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, "platform_preset");
        await ApiClient.SendAsync(_client, owner, HttpMethod.Post, $"/api/v1/catalogs/{catalogId}/videos", new { template_id = templateId, script_source = "poem" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        var refused = await ApiClient.SendAsync(_client, owner, HttpMethod.Post, "/api/v1/templates",
            new { name = "bad", locale = "en-US", body = "Scene: Shop, day\nNarrator: {{name}}.\n", script_source = "poem" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Equal("script_source", refused.GetProperty("error").GetProperty("field").GetString());
        Assert.Empty(ChatRequests());
    }

    [Fact]
    public async Task A_batch_product_keeps_its_first_llm_script_records_the_model_and_speaks_in_the_templates_narrator_voice()
    {
        var (user, _) = await UserWithChatAsync();
        var (catalogId, templateId) = await CatalogAndTemplateAsync(user, scriptSource: ScriptSources.Llm);
        var request = new CatalogBatchRequest(
            "tsk_" + Guid.NewGuid().ToString("N")[..16], ProductVideoIds.BatchProjectId(user.UserId, catalogId), user.UserId, catalogId, templateId,
            null, ["KET-1"], null, Preview: true, Refresh: false, MaxParallelVideos: 1, Attempts: 2, SlotRetrySeconds: 1);
        var context = Mock.Of<TaskActivityContext>();

        var plan = await Activity<PlanCatalogBatchActivity>().RunAsync(context, request);
        var product = Assert.Single(plan.Products);
        Assert.Equal(ScriptSources.Llm, product.ScriptSource);

        _server.ChatReplies.Enqueue(GoodScript);
        Assert.Equal(ScriptSources.Llm, await Activity<WriteProductScriptActivity>().RunAsync(context, new WriteProductScriptInput(request, product)));
        // Run again (a replay, a retry): the kept script stands; the model is not asked again.
        _server.ChatReplies.Enqueue("Scene: Elsewhere, night\nNarrator: A different wording altogether.");
        Assert.Equal(ScriptSources.Llm, await Activity<WriteProductScriptActivity>().RunAsync(context, new WriteProductScriptInput(request, product)));
        Assert.Single(ChatRequests());

        var start = await Activity<StartProductVideoActivity>().RunAsync(context, new StartProductVideoInput(request, product, 1));
        Assert.True(start.Kind == ProductVideoStartKind.Started, start.Reason);
        var video = await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/videos", null, HttpStatusCode.OK);
        var listed = Assert.Single(video.GetProperty("data").GetProperty("items").EnumerateArray());
        Assert.Equal((ScriptSources.Llm, "gpt-4o-mini"), (Text(listed, "script_source"), Text(listed, "script_model")));
        Assert.Equal(product.VideoHash, Text(listed, "content_hash"));
        var projectId = start.Request!.ProjectId;
        var script = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/projects/{projectId}/script", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.StartsWith("Scene: Bright kitchen, morning\nNarrator: Still waiting", Text(script, "content"));

        // The same inputs plan the same hash, whatever the model's wording: the product is current, nothing to redo.
        var again = await Activity<PlanCatalogBatchActivity>().RunAsync(context, request);
        Assert.Equal((0, 1), (again.Products.Count, again.UpToDate));

        // The bible holds the template's narrator voice, and the narration is spoken in it.
        var characters = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/projects/{projectId}/characters", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items");
        var narrator = Assert.Single(characters.EnumerateArray(), c => Text(c, "name") == "Narrator");
        Assert.Equal(NarratorVoice, Text(narrator, "voice_id"));

        var (storyboard, cast) = (await Activity<LoadSavedStoryboardActivity>().RunAsync(context, start.Request))!;
        var narration = storyboard.Shots.First(s => s.LineType == ScriptLineType.Narration);
        var voiced = await Activity<RecordVoiceActivity>().RunAsync(context, new RecordVoiceInput(start.Request, narration, cast));
        var plain = await Activity<RecordVoiceActivity>().RunAsync(context, new RecordVoiceInput(start.Request, narration, []));
        Assert.NotEqual(plain.Voice, voiced.Voice);
        Assert.Equal(plain.Voice, (await Activity<RecordVoiceActivity>().RunAsync(context, new RecordVoiceInput(start.Request, narration, cast.Select(c => c with { VoiceId = null }).ToList()))).Voice);
    }

    [Fact]
    public async Task A_batch_started_over_the_api_writes_the_script_in_its_own_activity_before_the_video_starts()
    {
        var (user, _) = await UserWithChatAsync();
        var (catalogId, templateId) = await CatalogAndTemplateAsync(user, scriptSource: null);
        _server.ChatReplies.Enqueue(GoodScript);

        // The request's script_source overrides the template's (template).
        await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/catalogs/{catalogId}/videos",
            new { template_id = templateId, preview = true, script_source = "llm" }, HttpStatusCode.Accepted);

        // No worker renders here: the video stops at its render, after the start recorded it.
        JsonElement? listed = null;
        for (var waited = 0; waited < 240 && listed is null; waited++)
        {
            var items = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/catalogs/{catalogId}/videos", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items");
            listed = items.GetArrayLength() == 1 ? items[0] : null;
            await Task.Delay(listed is null ? 500 : 0);
        }

        Assert.NotNull(listed);
        Assert.Equal((ScriptSources.Llm, "gpt-4o-mini"), (Text(listed.Value, "script_source"), Text(listed.Value, "script_model")));
        Assert.Single(ChatRequests());
    }

    private T Activity<T>() where T : class => ActivatorUtilities.CreateInstance<T>(app.Services);

    private List<WireRequest> ChatRequests() => _server.Requests.Where(r => r.Path == "/v1/chat/completions").ToList();

    private static string? Text(JsonElement element, string name) => element.GetProperty(name).GetString();

    private async Task<JsonElement> DraftAsync(TestUser user, object body, HttpStatusCode status, int code = 0, string? field = null)
    {
        var answer = await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/scripts/draft", body, status, code);
        if (field is not null)
        {
            Assert.Equal(field, answer.GetProperty("error").GetProperty("field").GetString());
        }

        return status == HttpStatusCode.OK ? answer.GetProperty("data") : answer;
    }

    private async Task<(TestUser User, string ProviderId)> UserWithChatAsync()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var provider = await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/providers", new
        {
            kind = "openai-compatible",
            name = "local chat",
            base_url = _server.BaseUrl,
            api_key = "sk-chat-" + Guid.NewGuid().ToString("N"),
            models = new { chat = new[] { "gpt-4o-mini" } },
            prices = new { chat_input_per_1k_tokens = InputPer1k, chat_output_per_1k_tokens = OutputPer1k },
        }, HttpStatusCode.Created);
        return (user, Text(provider.GetProperty("data"), "provider_id")!);
    }

    private async Task<string> TemplateAsync(TestUser user, string? scriptSource) =>
        Text((await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/templates", new
        {
            name = "kettle " + Guid.NewGuid().ToString("N")[..6],
            locale = "en-US",
            style = "comic",
            platform_preset = "youtube-shorts",
            voice = NarratorVoice,
            tone = "warm and a little playful",
            script_source = scriptSource,
            body = "Scene: Clean studio table, day\nCharacters: Narrator\n\nNarrator: Meet the {{name}}.\n{{#each selling_points}}\nNarrator: {{this}}.\n{{/each}}\n{{#if price}}\nNarrator: Only {{price}}.\n{{/if}}\n",
            layout = new { call_to_action = CallToAction },
        }, HttpStatusCode.Created)).GetProperty("data"), "id")!;

    private async Task<(string CatalogId, string TemplateId)> CatalogAndTemplateAsync(TestUser user, string? scriptSource)
    {
        var catalogId = Text((await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/catalogs", new { name = "kitchen", locale = "en-US" }, HttpStatusCode.Created)).GetProperty("data"), "id")!;
        var import = ApiClient.Bearer(HttpMethod.Post, $"/api/v1/catalogs/{catalogId}/import", user.AccessToken);
        import.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(
            "sku,name,category,price,currency,selling_points,picture_url\r\nKET-1,Kettle Pro,appliances,39.99,USD,Boils in 60 seconds|Auto shut-off,\r\n"));
        import.Content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        await ApiClient.ExpectAsync(await _client.SendAsync(import), HttpStatusCode.OK, 0);
        return (catalogId, await TemplateAsync(user, scriptSource));
    }
}
