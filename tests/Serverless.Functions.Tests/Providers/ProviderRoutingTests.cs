using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.ShotImages;
using Serverless.Studio.Speech;
using SkiaSharp;

namespace Serverless.Functions.Tests.Providers;

/// <summary>A user's own openai-compatible provider draws that user's shots; when it fails, the next provider does and the shot says why.</summary>
public sealed class ProviderRoutingTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient();
    private OpenAIWireServer _server = null!;

    public async Task InitializeAsync() => _server = await OpenAIWireServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    private static ShotImageRequest Shot() => new()
    {
        ShotId = "shot-001",
        Framing = ShotFraming.Closeup,
        Location = "harbour",
        Time = "dawn",
        Characters = [],
        Text = "The boats come in.",
        LineType = ScriptLineType.Narration,
        Style = "comic",
        Width = 320,
        Height = 180,
    };

    private async Task<string> AddProviderAsync(TestUser user, string apiKey)
    {
        var created = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/providers", user.AccessToken, new
            {
                kind = "openai-compatible",
                name = "local",
                base_url = _server.BaseUrl,
                api_key = apiKey,
                models = new { image = new[] { "gpt-image-1" }, speech = new[] { "tts-1" } },
            })),
            HttpStatusCode.Created, 0);
        return created.GetProperty("data").GetProperty("provider_id").GetString()!;
    }

    private async Task<Provided<byte[]>> DrawAsAsync(string userId)
    {
        using var billed = UsageAttribution.Begin(userId);
        return await app.Services.GetRequiredService<ShotImageFallback>().GenerateProvidedAsync(Shot());
    }

    [Fact]
    public async Task The_users_provider_draws_the_shot_with_the_users_key_and_model()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var key = "sk-route-" + Guid.NewGuid().ToString("N");
        var providerId = await AddProviderAsync(user, key);

        var drawn = await DrawAsAsync(user.UserId);

        Assert.Equal(providerId, drawn.Provider);
        Assert.Empty(drawn.PassedOver);
        using var picture = SKBitmap.Decode(drawn.Value);
        Assert.Equal((320, 180), (picture.Width, picture.Height));
        Assert.Equal(new SKColor(20, 200, 40), picture.GetPixel(160, 90));
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("/v1/images/generations", $"Bearer {key}", "gpt-image-1"), (request.Path, request.Authorization, request.Model));
    }

    [Fact]
    public async Task A_provider_answering_500_passes_the_shot_to_offline_and_the_result_says_why()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var providerId = await AddProviderAsync(user, "sk-failing-" + Guid.NewGuid().ToString("N"));
        _server.ImageStatus = 500;

        var drawn = await DrawAsAsync(user.UserId);

        Assert.Equal(ProviderNames.Offline, drawn.Provider);
        Assert.Equal([new PassedOver(providerId, "HTTP 500")], drawn.PassedOver);
        Assert.NotEmpty(_server.Requests);
        using var picture = SKBitmap.Decode(drawn.Value);
        Assert.Equal((320, 180), (picture.Width, picture.Height));
        Assert.NotEqual(new SKColor(20, 200, 40), picture.GetPixel(160, 90));
    }

    [Fact]
    public async Task The_users_provider_speaks_the_line_with_the_users_key_and_model()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var key = "sk-voice-" + Guid.NewGuid().ToString("N");
        var providerId = await AddProviderAsync(user, key);

        Provided<SpeechClip> spoken;
        using (UsageAttribution.Begin(user.UserId))
        {
            spoken = await app.Services.GetRequiredService<SpeechFallback>().SynthesizeProvidedAsync(new SpeechRequest { Text = "The boats come in.", Character = "narrator" });
        }

        Assert.Equal(providerId, spoken.Provider);
        Assert.Empty(spoken.PassedOver);
        Assert.Equal(0.5, spoken.Value.DurationSeconds, 2);
        Assert.StartsWith(providerId + ":", spoken.Value.Voice, StringComparison.Ordinal);
        var request = Assert.Single(_server.Requests);
        Assert.Equal(("/v1/audio/speech", $"Bearer {key}", "tts-1"), (request.Path, request.Authorization, request.Model));
    }

    [Fact]
    public async Task Another_users_shots_never_reach_the_provider()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var other = await ApiClient.RegisterAsync(_client);
        await AddProviderAsync(owner, "sk-owner-" + Guid.NewGuid().ToString("N"));

        var drawn = await DrawAsAsync(other.UserId);

        Assert.Equal(ProviderNames.Offline, drawn.Provider);
        Assert.Empty(drawn.PassedOver);
        Assert.Empty(_server.Requests);
    }
}
