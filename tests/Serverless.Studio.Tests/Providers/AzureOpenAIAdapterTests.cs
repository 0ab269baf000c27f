using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Serverless.Studio.Providers.AzureOpenAI;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Refinement;
using Serverless.Studio.Providers.Usage;
using Serverless.Studio.Speech;
using Serverless.Studio.Storyboards;
using Serverless.Testing.Providers;
using SkiaSharp;

namespace Serverless.Studio.Tests.Providers;

/// <summary>The Azure OpenAI adapters against a local server in the service's wire format: requests sent, answers decoded.</summary>
public sealed class AzureOpenAIAdapterTests : IAsyncLifetime
{
    private FakeAzureOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAzureOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Shot_image_is_generated_from_the_shot_and_fitted_to_the_frame()
    {
        using var host = ProviderHost.Create(_server.Endpoint);

        var result = await host.Get<ShotImageFallback>().GenerateProvidedAsync(ProviderRequests.Shot(540, 960));

        Assert.Equal(ProviderNames.AzureOpenAI, result.Provider);
        Assert.Equal(0, host.OfflineImages.Calls);
        using var bitmap = SKBitmap.Decode(result.Value);
        Assert.Equal((540, 960), (bitmap.Width, bitmap.Height));
        var centre = bitmap.GetPixel(270, 480);
        Assert.True(centre.Red > 150 && centre.Green < 80, $"expected the server's red picture, got {centre}");

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/deployments/images/images/generations", request.Path);
        Assert.Contains("api-version=", request.Query, StringComparison.Ordinal);
        var body = JsonNode.Parse(request.Body)!;
        Assert.Equal("1024x1792", body["size"]!.GetValue<string>());
        Assert.Equal("b64_json", body["response_format"]!.GetValue<string>());
        var prompt = body["prompt"]!.GetValue<string>();
        foreach (var expected in new[] { "Comic book panel", "close-up", "现代都市街道", "傍晚", "小明 (男, 学生)", "小红 (女, 学生)", "小明 speaking to 小红", "No text" })
        {
            Assert.Contains(expected, prompt, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("作业", prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Speech_is_cast_per_character_with_the_emotion_and_measured()
    {
        using var host = ProviderHost.Create(_server.Endpoint);
        _server.SpeechSeconds = 1.25;

        var result = await host.Get<SpeechFallback>().SynthesizeProvidedAsync(ProviderRequests.Line());

        Assert.Equal(ProviderNames.AzureOpenAI, result.Provider);
        Assert.Equal(1.25, result.Value.DurationSeconds, 3);
        var audio = PcmAudio.FromWav(result.Value.Wav);
        Assert.Equal(24_000, audio.SampleRate);
        Assert.Equal(30_000, audio.Samples.Length);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/deployments/tts/audio/speech", request.Path);
        Assert.Equal("?api-version=2025-03-01-preview", request.Query);
        Assert.Equal(FakeAzureOpenAIServer.ApiKey, request.ApiKey);
        var body = JsonNode.Parse(request.Body)!;
        var voice = body["voice"]!.GetValue<string>();
        Assert.Contains(voice, host.Get<IOptions<AzureOpenAIOptions>>().Value.FemaleVoices);
        Assert.Equal($"azure-openai:{voice}", result.Value.Voice);
        Assert.Equal("wav", body["response_format"]!.GetValue<string>());
        Assert.Equal("我有点紧张……", body["input"]!.GetValue<string>());
        Assert.Contains("紧张", body["instructions"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(body["speed"]!.GetValue<double>() > 1.0, "nervous lines are spoken faster");
    }

    [Fact]
    public async Task Speech_instructions_can_be_turned_off_for_tts_1()
    {
        using var host = ProviderHost.Create(_server.Endpoint, ("SpeechInstructions", "false"));

        await host.Get<SpeechFallback>().SynthesizeProvidedAsync(ProviderRequests.Line());

        Assert.Null(JsonNode.Parse(Assert.Single(_server.Requests).Body)!["instructions"]);
    }

    [Fact]
    public async Task Storyboard_analysis_uses_a_strict_json_schema_and_applies_the_answer()
    {
        using var host = ProviderHost.Create(_server.Endpoint);
        _server.ChatContent = """
            {"shots":[{"id":"shot-002","framing":"closeup","image_prompt":"Leo, bleary-eyed, holds out a mug"},
                      {"id":"shot-999","framing":"long","image_prompt":"not in the storyboard"}]}
            """;
        var storyboard = ProviderRequests.Storyboard();

        using (UsageAttribution.Begin("user-7"))
        {
            var result = await host.Get<StoryboardRefinementFallback>().RefineAsync(storyboard);

            Assert.Equal(ProviderNames.AzureOpenAI, result.Provider);
            Assert.Equal(storyboard.Shots[0], result.Value.Shots[0]);
            Assert.Equal(ShotFraming.Closeup, result.Value.Shots[1].Framing);
            Assert.Equal("Leo, bleary-eyed, holds out a mug", result.Value.Shots[1].ImagePrompt);
            Assert.Equal(storyboard.Shots[1].Duration, result.Value.Shots[1].Duration);
        }

        var request = Assert.Single(_server.Requests);
        Assert.Equal("/openai/deployments/chat/chat/completions", request.Path);
        var format = JsonNode.Parse(request.Body)!["response_format"]!;
        Assert.Equal("json_schema", format["type"]!.GetValue<string>());
        Assert.True(format["json_schema"]!["strict"]!.GetValue<bool>());
        Assert.Contains("Coffee?", request.Body, StringComparison.Ordinal);

        var totals = Assert.Single(await host.Get<IUsageMeter>().GetTotalsAsync("user-7"));
        Assert.Equal((ProviderNames.AzureOpenAI, 1L, 321L, 45L), (totals.Provider, totals.Calls, totals.InputTokens, totals.OutputTokens));
    }

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_time_the_service_asks_for()
    {
        using var host = ProviderHost.Create(_server.Endpoint, ("MaxRetries", "2"));
        _server.Enqueue(FakeAzureOpenAIServer.TooManyRequests(retryAfterSeconds: 2));

        var watch = Stopwatch.StartNew();
        var result = await host.Get<ShotImageFallback>().GenerateProvidedAsync(ProviderRequests.Shot());

        Assert.Equal(ProviderNames.AzureOpenAI, result.Provider);
        Assert.Equal(2, _server.Requests.Count);
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(1.9), $"retried after {watch.Elapsed}, before retry-after");
        Assert.Equal(0, host.OfflineImages.Calls);
    }

    [Fact]
    public async Task Wrong_key_is_a_failure_that_falls_back()
    {
        using var host = ProviderHost.Create(_server.Endpoint, ("ApiKey", "wrong"));

        var result = await host.Get<ShotImageFallback>().GenerateProvidedAsync(ProviderRequests.Shot());

        Assert.Equal(ProviderNames.Offline, result.Provider);
        Assert.Equal("wrong", Assert.Single(_server.Requests).ApiKey);
    }
}
