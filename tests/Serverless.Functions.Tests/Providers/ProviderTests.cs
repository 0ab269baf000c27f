using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Azure.Cosmos;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Providers.Records;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Tests.Providers;

/// <summary>Users' own AI providers: kept with the key encrypted, shown by its last four characters, invisible to others.</summary>
public sealed class ProviderTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private static string NewKey() => "sk-test-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static object Body(string apiKey, int priority = 10) => new
    {
        kind = "openai-compatible",
        name = "local images",
        base_url = "http://127.0.0.1:8089/v1/",
        api_key = apiKey,
        models = new { image = new[] { "gpt-image-1" }, speech = new[] { "tts-1" } },
        priority,
        prices = new { image = 0.04m, speech_per_1k_chars = 0.015m },
    };

    private async Task<(string Id, JsonElement Data)> CreateAsync(TestUser user, string apiKey)
    {
        var response = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/providers", user.AccessToken, Body(apiKey)));
        var text = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(apiKey, text, StringComparison.Ordinal);
        var data = (await ApiClient.ExpectAsync(new HttpResponseMessage(response.StatusCode) { Content = new StringContent(text) }, HttpStatusCode.Created, 0)).GetProperty("data");
        return (data.GetProperty("provider_id").GetString()!, data);
    }

    [Fact]
    public async Task A_provider_is_created_listed_changed_and_deleted_with_its_key_shown_as_four_characters()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var key = NewKey();

        var (id, created) = await CreateAsync(user, key);
        Assert.Equal(key[^4..], created.GetProperty("api_key_last4").GetString());
        Assert.Equal("http://127.0.0.1:8089/v1", created.GetProperty("base_url").GetString());
        Assert.Equal("gpt-image-1", Assert.Single(created.GetProperty("models").GetProperty("image").EnumerateArray()).GetString());
        Assert.Empty(created.GetProperty("models").GetProperty("chat").EnumerateArray());
        Assert.Equal(0.04m, created.GetProperty("prices").GetProperty("image").GetDecimal());
        Assert.Equal(0.015m, created.GetProperty("prices").GetProperty("speech_per_1k_chars").GetDecimal());

        var list = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/providers", user.AccessToken));
        var listText = await list.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.DoesNotContain(key, listText, StringComparison.Ordinal);
        var item = Assert.Single(JsonDocument.Parse(listText).RootElement.GetProperty("data").GetProperty("items").EnumerateArray());
        Assert.Equal(id, item.GetProperty("provider_id").GetString());

        var newKey = NewKey();
        var changed = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Patch, $"/api/v1/providers/{id}", user.AccessToken, new { api_key = newKey, priority = 3, models = new { chat = new[] { "deepseek-chat" } } })),
            HttpStatusCode.OK, 0);
        var data = changed.GetProperty("data");
        Assert.Equal(newKey[^4..], data.GetProperty("api_key_last4").GetString());
        Assert.Equal(3, data.GetProperty("priority").GetInt32());
        Assert.Equal("deepseek-chat", Assert.Single(data.GetProperty("models").GetProperty("chat").EnumerateArray()).GetString());
        Assert.Equal("gpt-image-1", Assert.Single(data.GetProperty("models").GetProperty("image").EnumerateArray()).GetString());
        Assert.Equal("local images", data.GetProperty("name").GetString());

        var fetched = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/providers/{id}", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(3, fetched.GetProperty("data").GetProperty("priority").GetInt32());

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Delete, $"/api/v1/providers/{id}", user.AccessToken)), HttpStatusCode.OK, 0);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/providers/{id}", user.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Delete, $"/api/v1/providers/{id}", user.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task The_models_of_a_capability_list_the_users_providers_by_priority_then_offline()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var (later, _) = await CreateAsync(user, NewKey());
        var (first, _) = await CreateAsync(user, NewKey());
        await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Patch, $"/api/v1/providers/{first}", user.AccessToken, new { priority = 1, models = new { image = new[] { "flux-dev" } } })), HttpStatusCode.OK, 0);

        var images = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/models/image", user.AccessToken)), HttpStatusCode.OK, 0);
        var items = images.GetProperty("data").GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["flux-dev", "gpt-image-1", "storyboard-frames"], items.Select(i => i.GetProperty("model").GetString()));
        Assert.Equal([first, later, null], items.Select(i => i.GetProperty("provider_id").GetString()));
        Assert.Equal("offline", items[^1].GetProperty("owner").GetString());

        var chat = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/models/chat", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal("offline", Assert.Single(chat.GetProperty("data").GetProperty("items").EnumerateArray()).GetProperty("owner").GetString());

        var unknown = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/models/video", user.AccessToken)), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Equal("capability", unknown.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_stored_record_holds_the_key_only_encrypted_and_bound_to_its_owner()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var key = NewKey();
        var (id, _) = await CreateAsync(user, key);

        var container = await app.Services.GetRequiredService<StudioDatabase>().ContainerAsync(ProviderStore.Providers);
        using var raw = await container.ReadItemStreamAsync(id, new PartitionKey(user.UserId));
        Assert.Equal(HttpStatusCode.OK, raw.StatusCode);
        var stored = await new StreamReader(raw.Content).ReadToEndAsync();
        Assert.DoesNotContain(key, stored, StringComparison.Ordinal);
        Assert.DoesNotContain(key[..12], stored, StringComparison.Ordinal);
        Assert.DoesNotContain(Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key)), stored, StringComparison.Ordinal);

        var record = (await container.ReadItemAsync<ProviderRecord>(id, new PartitionKey(user.UserId))).Resource;
        var keys = app.Services.GetRequiredService<ProviderKeyProtector>();
        Assert.Equal(key, keys.Reveal(record));
        Assert.ThrowsAny<CryptographicException>(() => keys.Reveal(record with { UserId = "someone-else" }));
    }

    [Fact]
    public async Task Another_users_provider_cannot_be_seen_changed_used_or_deleted()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var other = await ApiClient.RegisterAsync(_client);
        var (id, _) = await CreateAsync(owner, NewKey());

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/providers/{id}", other.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Patch, $"/api/v1/providers/{id}", other.AccessToken, new { priority = 0 })), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Delete, $"/api/v1/providers/{id}", other.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        var theirs = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/providers", other.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Empty(theirs.GetProperty("data").GetProperty("items").EnumerateArray());
        var theirModels = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/models/image", other.AccessToken)), HttpStatusCode.OK, 0);
        Assert.DoesNotContain(theirModels.GetProperty("data").GetProperty("items").EnumerateArray(), i => i.GetProperty("provider_id").GetString() == id);

        var mine = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/providers/{id}", owner.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(10, mine.GetProperty("data").GetProperty("priority").GetInt32());
    }

    public static TheoryData<string, string> BadBodies => new()
    {
        { """{"name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{"image":["m"]}}""", "kind" },
        { """{"kind":"runway","name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{"image":["m"]}}""", "kind" },
        { """{"kind":"openai-compatible","name":"  ","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{"image":["m"]}}""", "name" },
        { $$$"""{"kind":"openai-compatible","name":"{{{new string('n', 101)}}}","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{"image":["m"]}}""", "name" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://169.254.169.254/v1","api_key":"sk-0123456789","models":{"image":["m"]}}""", "base_url" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://10.1.2.3/v1","api_key":"sk-0123456789","models":{"image":["m"]}}""", "base_url" },
        { """{"kind":"openai-compatible","name":"n","base_url":"ftp://127.0.0.1/v1","api_key":"sk-0123456789","models":{"image":["m"]}}""", "base_url" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://127.0.0.1:8089/v1?key=sk-0123456789","api_key":"sk-0123456789","models":{"image":["m"]}}""", "base_url" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk-01","models":{"image":["m"]}}""", "api_key" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk 0123456789","models":{"image":["m"]}}""", "api_key" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{}}""", "models" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{"image":["bad model"]}}""", "models.image" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{"speech":["a","a"]}}""", "models.speech" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{"image":["m"]},"priority":-1}""", "priority" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{"image":["m"]},"prices":{"image":-0.5}}""", "prices.image" },
        { """{"kind":"openai-compatible","name":"n","base_url":"http://127.0.0.1:8089","api_key":"sk-0123456789","models":{"image":["m"]},"priority":"high"}""", "priority" },
    };

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task A_bad_provider_is_refused_naming_the_field_and_never_echoing_the_key(string json, string field)
    {
        var user = await ApiClient.RegisterAsync(_client);
        var request = ApiClient.Bearer(HttpMethod.Post, "/api/v1/providers", user.AccessToken);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");

        var response = await _client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        Assert.DoesNotContain("0123456789", text, StringComparison.Ordinal);
        var body = await ApiClient.ExpectAsync(new HttpResponseMessage(response.StatusCode) { Content = new StringContent(text) }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Equal(field, body.GetProperty("error").GetProperty("field").GetString());
        var none = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/providers", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Empty(none.GetProperty("data").GetProperty("items").EnumerateArray());
    }
}
