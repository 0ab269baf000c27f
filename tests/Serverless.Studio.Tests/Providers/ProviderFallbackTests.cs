using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Serverless.Studio.Providers.Fallback;
using Serverless.Studio.Providers.Refinement;
using Serverless.Studio.Providers.Usage;
using Serverless.Testing.Providers;

namespace Serverless.Studio.Tests.Providers;

/// <summary>Failures, timeouts and an open circuit send calls to the offline provider, and the result says so.</summary>
public sealed class ProviderFallbackTests : IAsyncLifetime
{
    private FakeAzureOpenAIServer _server = null!;

    public async Task InitializeAsync() => _server = await FakeAzureOpenAIServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Server_error_falls_back_to_offline_and_both_calls_are_metered()
    {
        using var host = ProviderHost.Create(_server.Endpoint);
        _server.Enqueue(FakeAzureOpenAIServer.Status(500));

        using (UsageAttribution.Begin("user-1"))
        {
            var result = await host.Get<ShotImageFallback>().GenerateProvidedAsync(ProviderRequests.Shot());

            Assert.Equal(ProviderNames.Offline, result.Provider);
            Assert.Equal(CountingShotImages.Marker, result.Value);
        }

        Assert.Single(_server.Requests);
        Assert.Equal(1, host.OfflineImages.Calls);
        var totals = await host.Get<IUsageMeter>().GetTotalsAsync("user-1");
        var azure = totals.Single(t => t.Provider == ProviderNames.AzureOpenAI);
        var offline = totals.Single(t => t.Provider == ProviderNames.Offline);
        Assert.Equal((1L, 1L, 0L), (azure.Calls, azure.Failures, azure.Images));
        Assert.Equal((1L, 0L, 1L), (offline.Calls, offline.Failures, offline.Images));
        Assert.Empty(await host.Get<IUsageMeter>().GetTotalsAsync("user-2"));

        var warning = Assert.Single(host.Logs.Entries, e => e.Level == LogLevel.Warning);
        Assert.Contains("shot-images", warning.Text, StringComparison.Ordinal);
        Assert.Contains("500", warning.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(host.Logs.Entries, e => e.Text.Contains(FakeAzureOpenAIServer.ApiKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Speech_server_error_falls_back_to_offline_speech()
    {
        using var host = ProviderHost.Create(_server.Endpoint);
        _server.Enqueue(FakeAzureOpenAIServer.Status(503));

        using (UsageAttribution.Begin("user-3"))
        {
            var result = await host.Get<SpeechFallback>().SynthesizeProvidedAsync(ProviderRequests.Line());

            Assert.Equal(ProviderNames.Offline, result.Provider);
            Assert.Equal("offline-fake", result.Value.Voice);
        }

        var offline = (await host.Get<IUsageMeter>().GetTotalsAsync("user-3")).Single(t => t.Provider == ProviderNames.Offline);
        Assert.Equal(2.0, offline.AudioSeconds);
    }

    [Fact]
    public async Task Timeout_falls_back_without_waiting_for_the_server()
    {
        using var host = ProviderHost.Create(_server.Endpoint, ("Timeout", "00:00:01"));
        _server.Enqueue(FakeAzureOpenAIServer.Hang());

        var watch = Stopwatch.StartNew();
        var result = await host.Get<SpeechFallback>().SynthesizeProvidedAsync(ProviderRequests.Line());

        Assert.Equal(ProviderNames.Offline, result.Provider);
        Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(6));
        Assert.Equal(1, host.OfflineSpeech.Calls);
    }

    [Fact]
    public async Task Long_retry_after_is_cut_short_by_the_timeout()
    {
        using var host = ProviderHost.Create(_server.Endpoint, ("Timeout", "00:00:01"), ("MaxRetries", "3"));
        _server.Enqueue(FakeAzureOpenAIServer.TooManyRequests(retryAfterSeconds: 60));

        var watch = Stopwatch.StartNew();
        var result = await host.Get<ShotImageFallback>().GenerateProvidedAsync(ProviderRequests.Shot());

        Assert.Equal(ProviderNames.Offline, result.Provider);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(6), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task Circuit_opens_after_repeated_failures_and_offline_answers_without_calling_the_server()
    {
        using var host = ProviderHost.Create(_server.Endpoint, ("BreakAfterFailures", "3"), ("BreakDuration", "00:05:00"));
        for (var i = 0; i < 10; i++)
        {
            _server.Enqueue(FakeAzureOpenAIServer.Status(500));
        }

        var images = host.Get<ShotImageFallback>();
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(ProviderNames.Offline, (await images.GenerateProvidedAsync(ProviderRequests.Shot())).Provider);
        }

        Assert.Equal(3, _server.Requests.Count);

        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ProviderNames.Offline, (await images.GenerateProvidedAsync(ProviderRequests.Shot())).Provider);
        }

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(7, host.OfflineImages.Calls);

        // Each capability has its own circuit: speech still goes to Azure.
        var speech = await host.Get<SpeechFallback>().SynthesizeProvidedAsync(ProviderRequests.Line());
        Assert.Equal(3 + 1, _server.Requests.Count);
        Assert.Equal(ProviderNames.Offline, speech.Provider); // the 4th scripted 500
    }

    [Fact]
    public async Task Open_circuit_tries_Azure_again_after_the_break_and_closes_on_success()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var host = ProviderHost.Create(_server.Endpoint, time, ("BreakAfterFailures", "2"), ("BreakDuration", "00:00:30"));
        _server.Enqueue(FakeAzureOpenAIServer.Status(500));
        _server.Enqueue(FakeAzureOpenAIServer.Status(502));
        var images = host.Get<ShotImageFallback>();
        await images.GenerateProvidedAsync(ProviderRequests.Shot());
        await images.GenerateProvidedAsync(ProviderRequests.Shot());
        Assert.Equal(ProviderNames.Offline, (await images.GenerateProvidedAsync(ProviderRequests.Shot())).Provider);
        Assert.Equal(2, _server.Requests.Count);

        time.Advance(TimeSpan.FromSeconds(31));

        Assert.Equal(ProviderNames.AzureOpenAI, (await images.GenerateProvidedAsync(ProviderRequests.Shot())).Provider);
        Assert.Equal(ProviderNames.AzureOpenAI, (await images.GenerateProvidedAsync(ProviderRequests.Shot())).Provider);
        Assert.Equal(4, _server.Requests.Count);
    }

    [Fact]
    public async Task Rejected_content_falls_back_but_does_not_open_the_circuit()
    {
        using var host = ProviderHost.Create(_server.Endpoint, ("BreakAfterFailures", "2"));
        for (var i = 0; i < 4; i++)
        {
            _server.Enqueue(FakeAzureOpenAIServer.Status(400));
        }

        var images = host.Get<ShotImageFallback>();
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(ProviderNames.Offline, (await images.GenerateProvidedAsync(ProviderRequests.Shot())).Provider);
        }

        Assert.Equal(ProviderNames.AzureOpenAI, (await images.GenerateProvidedAsync(ProviderRequests.Shot())).Provider);
        Assert.Equal(5, _server.Requests.Count);
    }

    [Fact]
    public async Task Analysis_outside_the_schema_keeps_the_rules_plan()
    {
        using var host = ProviderHost.Create(_server.Endpoint);
        _server.ChatContent = """{"shots":[{"id":"shot-001","framing":"extreme-wide","image_prompt":"x"}]}""";
        var storyboard = ProviderRequests.Storyboard();

        var result = await host.Get<StoryboardRefinementFallback>().RefineAsync(storyboard);

        Assert.Equal(ProviderNames.Offline, result.Provider);
        Assert.Same(storyboard, result.Value);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_swallowed_by_the_fallback()
    {
        using var host = ProviderHost.Create(_server.Endpoint);
        _server.Enqueue(FakeAzureOpenAIServer.Hang());
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => host.Get<ShotImageFallback>().GenerateProvidedAsync(ProviderRequests.Shot(), cancel.Token));
        Assert.Equal(0, host.OfflineImages.Calls);
    }
}
