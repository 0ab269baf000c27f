using System.Net;
using System.Text.Json;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Providers;
using Serverless.Studio.Conversations;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Conversations;

/// <summary>
/// Chat conversations on the local stack, the user's provider played by the OpenAI wire server: the reply comes from
/// it, its tokens are on the ledger at the provider's prices, others cannot see or post, and every input is bounded.
/// </summary>
public sealed class ConversationTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>, IAsyncLifetime
{
    private const decimal InputPer1k = 0.5m;
    private const decimal OutputPer1k = 1.5m;

    private readonly HttpClient _client = app.CreateClient();
    private OpenAIWireServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIWireServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> AddChatProviderAsync(TestUser user) =>
        (await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/providers", new
        {
            kind = "openai-compatible",
            name = "local chat",
            base_url = _server.BaseUrl,
            api_key = "sk-chat-" + Guid.NewGuid().ToString("N"),
            models = new { chat = new[] { "gpt-4o-mini", "deepseek-chat" } },
            prices = new { chat_input_per_1k_tokens = InputPer1k, chat_output_per_1k_tokens = OutputPer1k },
        }, HttpStatusCode.Created)).GetProperty("data").GetProperty("provider_id").GetString()!;

    private async Task<string> CreateAsync(TestUser user, object body) =>
        (await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/conversations", body, HttpStatusCode.Created)).GetProperty("data").GetProperty("conversation_id").GetString()!;

    [Fact]
    public async Task A_reply_comes_from_the_users_provider_and_is_on_the_ledger_at_its_token_prices()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var providerId = await AddChatProviderAsync(user);
        var id = await CreateAsync(user, new { title = "Launch ideas" });

        var reply = (await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", new { content = "Name three colours.", model = "deepseek-chat" }, HttpStatusCode.OK)).GetProperty("data");

        Assert.Equal(("assistant", "You said: Name three colours."), (reply.GetProperty("role").GetString(), reply.GetProperty("content").GetString()));
        Assert.Equal((providerId, "deepseek-chat"), (reply.GetProperty("provider").GetString(), reply.GetProperty("model").GetString()));
        Assert.Equal(OpenAIWireServer.ChatInputTokens, reply.GetProperty("input_tokens").GetInt64());
        var asked = Assert.Single(_server.Requests, r => r.Path == "/v1/chat/completions");
        Assert.Equal("deepseek-chat", asked.Model);

        var conversation = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/conversations/{id}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(2, conversation.GetProperty("message_count").GetInt32());
        Assert.Equal(["user", "assistant"], conversation.GetProperty("messages").EnumerateArray().Select(m => m.GetProperty("role").GetString()));
        var listed = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, "/api/v1/conversations", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items");
        Assert.Equal(("Launch ideas", 2), (listed[0].GetProperty("title").GetString(), listed[0].GetProperty("message_count").GetInt32()));

        var expected = (OpenAIWireServer.ChatInputTokens * InputPer1k + OpenAIWireServer.ChatOutputTokens * OutputPer1k) / 1000;
        var usage = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data");
        var line = Assert.Single(usage.GetProperty("items").EnumerateArray());
        Assert.Equal((providerId, "chat", 1), (line.GetProperty("provider").GetString(), line.GetProperty("capability").GetString(), line.GetProperty("calls").GetInt32()));
        Assert.Equal(expected, line.GetProperty("cost").GetDecimal());
        Assert.Equal(expected, usage.GetProperty("total").GetDecimal());

        await ApiClient.SendAsync(_client, user, HttpMethod.Delete, $"/api/v1/conversations/{id}", null, HttpStatusCode.OK);
        await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/conversations/{id}", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Another_user_cannot_read_post_to_or_delete_a_conversation()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var other = await ApiClient.RegisterAsync(_client);
        await AddChatProviderAsync(other);
        var id = await CreateAsync(owner, new { });

        await ApiClient.SendAsync(_client, other, HttpMethod.Get, $"/api/v1/conversations/{id}", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.SendAsync(_client, other, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", new { content = "hello" }, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.SendAsync(_client, other, HttpMethod.Delete, $"/api/v1/conversations/{id}", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var listed = (await ApiClient.SendAsync(_client, other, HttpMethod.Get, "/api/v1/conversations", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items");
        Assert.Equal(0, listed.GetArrayLength());
        await ApiClient.SendAsync(_client, owner, HttpMethod.Get, $"/api/v1/conversations/{id}", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Without_a_chat_model_a_message_is_refused_and_nothing_is_kept()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = await CreateAsync(user, new { });

        await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", new { content = "hello" }, HttpStatusCode.Conflict, ErrorCodes.NoChatModel);
        await AddChatProviderAsync(user);
        await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", new { content = "hello", model = "not-served" }, HttpStatusCode.Conflict, ErrorCodes.NoChatModel);

        var conversation = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/conversations/{id}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(0, conversation.GetProperty("message_count").GetInt32());
    }

    [Fact]
    public async Task Bounds_are_refused_with_400()
    {
        var user = await ApiClient.RegisterAsync(_client);
        await AddChatProviderAsync(user);
        await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/conversations", new { title = new string('t', ConversationLimits.MaxTitleLength + 1) }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/conversations", new { model = new string('m', ConversationLimits.MaxModelLength + 1) }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        var id = await CreateAsync(user, new { });

        var tooLong = await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", new { content = new string('x', ConversationLimits.MaxMessageLength + 1) }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Equal("content", tooLong.GetProperty("error").GetProperty("field").GetString());
        await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", new { content = "  " }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);

        // A full conversation takes no more messages: the last exchange that fits, then 400.
        for (var i = 0; i < ConversationLimits.MaxMessagesPerConversation / 2; i++)
        {
            await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", new { content = $"message {i}" }, HttpStatusCode.OK);
        }

        await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/conversations/{id}/messages", new { content = "one more" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
    }
}
