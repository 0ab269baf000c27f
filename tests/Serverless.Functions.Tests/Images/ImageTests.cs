using System.Net;
using System.Text.Json;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Providers;
using Serverless.Studio.Images;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Images;

/// <summary>
/// Pictures from a prompt on the local stack, the user's provider played by the OpenAI wire server: drawn and billed at
/// its price, variations billed too, stored behind read links, the offline renderer free, others' images unreachable.
/// </summary>
public sealed class ImageTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>, IAsyncLifetime
{
    private const decimal ImagePrice = 0.04m;

    private readonly HttpClient _client = app.CreateClient();
    private OpenAIWireServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIWireServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private async Task<string> AddImageProviderAsync(TestUser user) =>
        (await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/providers", new
        {
            kind = "openai-compatible",
            name = "local images",
            base_url = _server.BaseUrl,
            api_key = "sk-img-" + Guid.NewGuid().ToString("N"),
            models = new { image = new[] { "gpt-image-1" } },
            prices = new { image = ImagePrice },
        }, HttpStatusCode.Created)).GetProperty("data").GetProperty("provider_id").GetString()!;

    [Fact]
    public async Task An_image_and_a_variation_come_from_the_users_provider_and_are_billed_at_its_price()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var providerId = await AddImageProviderAsync(user);

        var created = (await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/images", new { prompt = "a red kite over green hills", size = "512x512", n = 2 }, HttpStatusCode.Created)).GetProperty("data");
        var id = created.GetProperty("image_id").GetString()!;
        Assert.Equal(2, created.GetProperty("images").GetArrayLength());
        Assert.All(created.GetProperty("images").EnumerateArray(), i => Assert.Equal(providerId, i.GetProperty("provider").GetString()));
        using (var download = await new HttpClient().GetAsync(created.GetProperty("images")[0].GetProperty("url").GetString()))
        {
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], (await download.Content.ReadAsByteArrayAsync())[..4]);
        }

        var variation = (await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/images/{id}/variations", new { n = 1 }, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal((id, "a red kite over green hills"), (variation.GetProperty("variation_of").GetString(), variation.GetProperty("prompt").GetString()));
        Assert.Equal(3, _server.Requests.Count(r => r.Path == "/v1/images/generations"));

        var usage = (await ApiClient.SendAsync(_client, user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data");
        var line = Assert.Single(usage.GetProperty("items").EnumerateArray());
        Assert.Equal((providerId, "image", 3), (line.GetProperty("provider").GetString(), line.GetProperty("capability").GetString(), line.GetProperty("calls").GetInt32()));
        Assert.Equal(3 * ImagePrice, usage.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task Without_a_provider_the_offline_renderer_draws_at_no_cost_and_others_cannot_reach_the_image()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var other = await ApiClient.RegisterAsync(_client);

        var created = (await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/images", new { prompt = "a lighthouse at night" }, HttpStatusCode.Created)).GetProperty("data");
        var id = created.GetProperty("image_id").GetString()!;
        Assert.Equal("offline", created.GetProperty("images")[0].GetProperty("provider").GetString());
        Assert.Equal(0m, (await ApiClient.SendAsync(_client, user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("total").GetDecimal());

        await ApiClient.SendAsync(_client, other, HttpMethod.Get, $"/api/v1/images/{id}", null, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.SendAsync(_client, other, HttpMethod.Post, $"/api/v1/images/{id}/variations", new { }, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.SendAsync(_client, user, HttpMethod.Get, $"/api/v1/images/{id}", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Bounds_are_refused_with_400()
    {
        var user = await ApiClient.RegisterAsync(_client);
        await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/images", new { prompt = new string('p', ImageLimits.MaxPromptLength + 1) }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/images", new { prompt = "x", size = "4096x4096" }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/images", new { prompt = "x", n = ImageLimits.MaxPerRequest + 1 }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        var id = (await ApiClient.SendAsync(_client, user, HttpMethod.Post, "/api/v1/images", new { prompt = "x" }, HttpStatusCode.Created)).GetProperty("data").GetProperty("image_id").GetString()!;
        await ApiClient.SendAsync(_client, user, HttpMethod.Post, $"/api/v1/images/{id}/variations", new { n = 0 }, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
    }
}
