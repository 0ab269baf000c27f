using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Webhooks;

namespace Serverless.Functions.Tests.Triggers;

/// <summary>Webhooks over real HTTP: subscriptions, signed deliveries with durable retries, the log, redelivery, SSRF guard.</summary>
public sealed class WebhookTests(TriggerAppFactory app) : IClassFixture<TriggerAppFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_failed_delivery_is_retried_signed_logged_and_can_be_redelivered()
    {
        await using var receiver = new WebhookReceiver(500);
        var owner = app.ClientFor(app.Shared.KeyA);
        var created = await owner.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "video.completed" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var hook = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var webhookId = hook.GetProperty("id").GetString()!;
        receiver.Secret = hook.GetProperty("secret").GetString();
        Assert.StartsWith("whsec_", receiver.Secret);

        // The same call the video orchestration's activity makes when a video completes.
        var raised = await app.Services.GetRequiredService<WebhookService>().RaiseAsync(new WebhookEventInput(
            app.Shared.UserA, WebhookEvents.VideoCompleted, DateTime.UtcNow, new VideoEventData("tsk_1_2", "prj_1", "completed", DurationSeconds: 12.5)));
        Assert.Equal(1, raised);

        var received = await receiver.WaitForAsync(2, Patience);
        Assert.Equal(2, received.Count);
        Assert.Equal([500, 200], received.Select(r => r.Answered));
        Assert.All(received, r => Assert.True(r.SignatureValid, $"signature {r.Signature} did not verify"));
        Assert.Equal(received[0].Id, received[1].Id);
        using (var body = JsonDocument.Parse(received[1].Body))
        {
            Assert.Equal("video.completed", body.RootElement.GetProperty("type").GetString());
            Assert.Equal("tsk_1_2", body.RootElement.GetProperty("data").GetProperty("task_id").GetString());
        }

        var delivery = await WaitForDeliveryAsync(owner, webhookId, d => d.GetProperty("status").GetString() == "succeeded");
        var attempts = delivery.GetProperty("attempts").EnumerateArray().Select(a => a.GetProperty("status_code").GetInt32()).ToList();
        Assert.Equal([500, 200], attempts);

        var redelivered = await owner.PostAsync($"/api/v1/webhooks/{webhookId}/deliveries/{delivery.GetProperty("id").GetString()}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redelivered.StatusCode);
        received = await receiver.WaitForAsync(3, Patience);
        Assert.Equal(3, received.Count);
        Assert.True(received[2].SignatureValid);
        Assert.Equal(received[0].Id, received[2].Id);
        Assert.Equal(received[0].Body, received[2].Body);
    }

    [Fact]
    public async Task A_message_is_redelivered_by_hand_at_most_five_times_then_409()
    {
        // An event no other test here raises, so their counts of endpoints stay theirs.
        await using var receiver = new WebhookReceiver();
        var owner = app.ClientFor(app.Shared.KeyA);
        var created = await owner.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "video.cancelled" } });
        var webhookId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString()!;
        await app.Services.GetRequiredService<WebhookService>().RaiseAsync(new WebhookEventInput(
            app.Shared.UserA, WebhookEvents.VideoCancelled, DateTime.UtcNow, new VideoEventData("tsk_5_6", "prj_5", "cancelled")));
        var first = (await WaitForDeliveryAsync(owner, webhookId, d => d.GetProperty("status").GetString() == "succeeded")).GetProperty("id").GetString()!;

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < WebhookService.MaxRedeliveries; i++)
        {
            answers.Add((await owner.PostAsync($"/api/v1/webhooks/{webhookId}/deliveries/{first}/redeliver", null)).StatusCode);
        }

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a));
        // Neither the message nor one of its redeliveries goes out again, and nothing more is logged.
        foreach (var id in new[] { first, first + "_r3" })
        {
            var refused = await owner.PostAsync($"/api/v1/webhooks/{webhookId}/deliveries/{id}/redeliver", null);
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            Assert.Equal(10002, (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        }

        var log = await owner.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{webhookId}/deliveries");
        Assert.Equal(1 + WebhookService.MaxRedeliveries, log.GetProperty("data").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_receiver_that_keeps_failing_is_given_up_on_after_the_configured_window()
    {
        await using var receiver = new WebhookReceiver(500, 500, 500, 500, 500, 500, 500, 500);
        var owner = app.ClientFor(app.Shared.KeyA);
        var created = await owner.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "video.failed" } });
        var webhookId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString()!;

        await app.Services.GetRequiredService<WebhookService>().RaiseAsync(new WebhookEventInput(
            app.Shared.UserA, WebhookEvents.VideoFailed, DateTime.UtcNow, new VideoEventData("tsk_3_4", "prj_3", "failed", ErrorCode: 30004)));

        // 1 s, 2 s, then 4 s would pass the 5 s window: three attempts, then failed.
        var delivery = await WaitForDeliveryAsync(owner, webhookId, d => d.GetProperty("status").GetString() == "failed");
        Assert.Equal(3, delivery.GetProperty("attempts").GetArrayLength());
        Assert.Equal(3, receiver.Received.Count);
    }

    [Fact]
    public async Task Webhooks_belong_to_their_owner()
    {
        var owner = app.ClientFor(app.Shared.KeyA);
        var stranger = app.ClientFor(app.Shared.KeyB);
        var created = await owner.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/x", events = new[] { "storyboard.ready" } });
        var webhookId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.DeleteAsync($"/api/v1/webhooks/{webhookId}")).StatusCode);
        var strangers = await stranger.GetFromJsonAsync<JsonElement>("/api/v1/webhooks");
        Assert.DoesNotContain(strangers.GetProperty("data").GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetString() == webhookId);
        var listed = await owner.GetFromJsonAsync<JsonElement>("/api/v1/webhooks");
        Assert.Contains(listed.GetProperty("data").GetProperty("items").EnumerateArray(), w => w.GetProperty("id").GetString() == webhookId);
        Assert.DoesNotContain("whsec_", listed.GetRawText());

        Assert.Equal(HttpStatusCode.OK, (await owner.DeleteAsync($"/api/v1/webhooks/{webhookId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync($"/api/v1/webhooks/{webhookId}/deliveries")).StatusCode);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/", "url")]
    [InlineData("http://10.0.0.1/hook", "url")]
    [InlineData("http://[fd00::1]/hook", "url")]
    [InlineData("ftp://example.com/hook", "url")]
    [InlineData("http://user:pw@127.0.0.1/hook", "url")]
    public async Task Subscriptions_to_internal_addresses_are_refused(string url, string field)
    {
        var response = await app.ClientFor(app.Shared.KeyA).PostAsJsonAsync("/api/v1/webhooks", new { url, events = new[] { "video.completed" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(10002, body.GetProperty("code").GetInt32());
        Assert.Equal(field, body.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Unknown_events_and_video_webhook_urls_to_metadata_are_refused()
    {
        var client = app.ClientFor(app.Shared.KeyA);
        var events = await client.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/x", events = new[] { "video.deleted" } });
        Assert.Equal(HttpStatusCode.BadRequest, events.StatusCode);
        Assert.Equal("events", (await events.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("field").GetString());

        var video = await client.PostAsJsonAsync("/api/v1/videos", new { script = "Scene: Kitchen, morning\nMia: Hello.", webhook_url = "http://169.254.169.254/" });
        Assert.Equal(HttpStatusCode.BadRequest, video.StatusCode);
        Assert.Equal("webhook_url", (await video.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task A_videos_webhook_url_hears_its_storyboard_ready_from_the_orchestration()
    {
        await using var receiver = new WebhookReceiver();
        var response = await app.ClientFor(app.Shared.KeyA).PostAsJsonAsync("/api/v1/videos", new
        {
            script = "Scene: Kitchen, morning\nCharacters: Mia (female, barista)\nMia (tired): Good morning.\nNarrator: The cafe opens.",
            webhook_url = receiver.Url,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        receiver.Secret = data.GetProperty("webhook").GetProperty("secret").GetString();

        var received = await receiver.WaitForAsync(1, Patience);
        var first = Assert.Single(received);
        Assert.True(first.SignatureValid);
        using var body = JsonDocument.Parse(first.Body);
        Assert.Equal("storyboard.ready", body.RootElement.GetProperty("type").GetString());
        Assert.Equal(data.GetProperty("task_id").GetString(), body.RootElement.GetProperty("data").GetProperty("task_id").GetString());
        Assert.True(body.RootElement.GetProperty("data").GetProperty("shot_count").GetInt32() >= 2);
    }

    [Fact]
    public async Task A_videos_webhook_url_hears_it_completed_once_its_task_reads_completed()
    {
        await using var receiver = new WebhookReceiver();
        var client = app.ClientFor(app.Shared.KeyA);
        await using var worker = new RenderWorkerStandIn(app, app.Shared.UserA, job => Task.FromResult<RenderCompleted?>(RenderWorkerStandIn.Succeeded(job)));
        var response = await client.PostAsJsonAsync("/api/v1/videos", new
        {
            script = "Scene: Harbour, evening\nNarrator: The boats come home.",
            webhook_url = receiver.Url,
        });
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var data = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data");
        var taskId = data.GetProperty("task_id").GetString();
        receiver.Secret = data.GetProperty("webhook").GetProperty("secret").GetString();

        // Raised by the publication itself, after it marked the task: a receiver that reads the task finds it done.
        var received = await receiver.WaitForAsync(2, Patience);
        var task = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/tasks/{taskId}")).GetProperty("data");

        Assert.Equal(["storyboard.ready", "video.completed"], received.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("type").GetString()).Order());
        Assert.All(received, r => Assert.True(r.SignatureValid));
        Assert.Equal("completed", task.GetProperty("status").GetString());
        using var completed = JsonDocument.Parse(received.Single(r => r.Body.Contains("video.completed", StringComparison.Ordinal)).Body);
        Assert.Equal(taskId, completed.RootElement.GetProperty("data").GetProperty("task_id").GetString());
        Assert.Equal(3, completed.RootElement.GetProperty("data").GetProperty("duration_seconds").GetDouble());
        Assert.Single(worker.Jobs, j => j.JobId == $"{taskId}-render");
    }

    private async Task<JsonElement> WaitForDeliveryAsync(HttpClient client, string webhookId, Func<JsonElement, bool> done)
    {
        var until = DateTime.UtcNow + Patience;
        JsonElement? last = null;
        while (DateTime.UtcNow < until)
        {
            var page = await client.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{webhookId}/deliveries");
            var items = page.GetProperty("data").GetProperty("items").EnumerateArray().ToList();
            last = items.LastOrDefault();
            if (last is { } d && done(d))
            {
                return d;
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"Delivery of {webhookId} did not reach the expected state: {last}");
    }

    [Fact]
    public async Task The_delivery_log_is_paged_newest_first_from_the_store_and_every_record_expires()
    {
        var owner = app.ClientFor(app.Shared.KeyA);
        // An event no other test in this class raises: its deliveries are written below, not raised.
        var created = await owner.PostAsJsonAsync("/api/v1/webhooks", new { url = "http://127.0.0.1:9/hook", events = new[] { "storyboard.ready" } });
        var webhookId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("id").GetString()!;
        var store = app.Services.GetRequiredService<WebhookStore>();
        var start = DateTimeOffset.UtcNow.AddHours(-1);

        // Written out of time order, so the order of the answer is the store's sorting and not insertion's.
        foreach (var minute in new[] { 3, 0, 4, 1, 2 })
        {
            await store.CreateDeliveryAsync(new WebhookDelivery
            {
                Id = $"dlv_{webhookId}_{minute}", WebhookId = webhookId, UserId = app.Shared.UserA, MessageId = $"msg_{minute}",
                Event = "storyboard.ready", Body = "{}", Status = WebhookDeliveryStatus.Succeeded, CreatedAt = start.AddMinutes(minute),
            });
        }

        var ids = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var data = (await owner.GetFromJsonAsync<JsonElement>($"/api/v1/webhooks/{webhookId}/deliveries?page={page}&page_size=2")).GetProperty("data");
            Assert.Equal(5, data.GetProperty("total").GetInt32());
            ids.AddRange(data.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetString()!));
        }

        Assert.Equal(new[] { 4, 3, 2, 1, 0 }.Select(m => $"dlv_{webhookId}_{m}"), ids);
        var other = await app.ClientFor(app.Shared.KeyB).GetAsync($"/api/v1/webhooks/{webhookId}/deliveries?page=1&page_size=2");
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);

        // Thirty days (the default retention) from the last write, as Cosmos DB's per-item TTL.
        var container = await app.Services.GetRequiredService<Serverless.Studio.Storage.StudioDatabase>().ContainerAsync(WebhookStore.Deliveries);
        var stored = (await container.ReadItemAsync<JsonElement>($"dlv_{webhookId}_0", new Microsoft.Azure.Cosmos.PartitionKey(webhookId))).Resource;
        Assert.Equal(30 * 24 * 3600, stored.GetProperty("ttl").GetInt32());
        Assert.Equal(-1, (await container.ReadContainerAsync()).Resource.DefaultTimeToLive);
    }
}

/// <summary>The address guard on its own: at registration (names resolved) and at connect time (the dialled address).</summary>
public sealed class OutboundAddressGuardTests
{
    private static OutboundAddressGuard Guard(bool loopback, params string[] allowed) =>
        new(Options.Create(new WebhookOptions { AllowHttp = true, AllowLoopback = loopback, AllowedNetworks = [.. allowed] }));

    [Theory]
    [InlineData("169.254.169.254")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.5.4")]
    [InlineData("192.168.1.1")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("fe80::1")]
    [InlineData("fd12:3456::1")]
    [InlineData("::ffff:10.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("168.63.129.16")]
    [InlineData("64:ff9b::a00:1")]
    [InlineData("64:ff9b:1::a00:1")]
    [InlineData("2002:a00:1::1")]
    public void Internal_addresses_are_refused_even_with_loopback_allowed(string address) =>
        Assert.NotNull(Guard(loopback: true).Check(IPAddress.Parse(address)));

    [Theory]
    [InlineData("93.184.216.34")]
    [InlineData("2606:4700::1111")]
    public void Public_addresses_pass(string address) => Assert.Null(Guard(loopback: false).Check(IPAddress.Parse(address)));

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_unless_allowed()
    {
        Assert.Contains(OutboundAddressGuard.NotPublic, await Guard(loopback: false).CheckUrlAsync("http://localhost:8080/hook"));
        Assert.Null(await Guard(loopback: true).CheckUrlAsync("http://localhost:8080/hook"));
        Assert.Null(await Guard(loopback: false, "127.0.0.0/8", "::1/128").CheckUrlAsync("http://localhost:8080/hook"));
        Assert.NotNull(await Guard(loopback: false, "127.0.0.0/8").CheckUrlAsync("http://10.1.2.3/hook"));
    }

    [Fact]
    public async Task The_connection_itself_is_refused_so_a_rebound_name_gets_nowhere()
    {
        // Registered while allowed (or while the name pointed elsewhere), sent when it is not: refused at connect time.
        await using var receiver = new WebhookReceiver { Secret = WebhookSignature.NewSecret() };
        var options = Options.Create(new WebhookOptions { AllowHttp = true, AllowLoopback = false });
        using var sender = new WebhookSender(new OutboundAddressGuard(options), options, TimeProvider.System);
        var endpoint = new WebhookEndpoint { Id = "whk_1", UserId = "u", Url = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal), Events = ["video.completed"], Secret = receiver.Secret, CreatedAt = DateTimeOffset.UtcNow };
        var delivery = new WebhookDelivery { Id = "dlv_1", WebhookId = "whk_1", UserId = "u", MessageId = "msg_1", Event = "video.completed", Body = "{}", Status = WebhookDeliveryStatus.Pending, CreatedAt = DateTimeOffset.UtcNow };

        var outcome = await sender.SendAsync(endpoint, delivery);

        Assert.False(outcome.Succeeded);
        Assert.False(outcome.Retryable);
        Assert.Contains(OutboundAddressGuard.NotPublic, outcome.Error);
        await Task.Delay(300);
        Assert.Empty(receiver.Received);

        var allowed = Options.Create(new WebhookOptions { AllowHttp = true, AllowLoopback = true });
        using var permitted = new WebhookSender(new OutboundAddressGuard(allowed), allowed, TimeProvider.System);
        Assert.True((await permitted.SendAsync(endpoint with { Url = receiver.Url }, delivery)).Succeeded);
        Assert.True(Assert.Single(await receiver.WaitForAsync(1, TimeSpan.FromSeconds(10))).SignatureValid);
    }
}
