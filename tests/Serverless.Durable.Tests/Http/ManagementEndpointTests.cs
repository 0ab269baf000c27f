using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Durable.Tests.Infrastructure;
using Serverless.Durable.Tests.Scenarios;

namespace Serverless.Durable.Tests.Http;

public sealed class ManagementEndpointTests : IAsyncLifetime
{
    private readonly InMemoryFixture _backend = new();
    private WebApplication _app = null!;
    private HttpClient _http = null!;
    private Uri _base = null!;

    private DurableTaskClient Client => _app.Services.GetRequiredService<DurableTaskClient>();

    private DurableHttpManagement Management => _app.Services.GetRequiredService<DurableHttpManagement>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton(new ScenarioProbe());
        builder.Services.AddDurableTask(durable =>
        {
            Scenario.RegisterAll(durable);
            _backend.Use(durable);
        });
        builder.Services.AddDurableHttpManagement();
        builder.Services.Configure<DurableHttpOptions>(o => o.SigningKey = "test-signing-key-of-at-least-32-characters");
        _app = builder.Build();
        _app.MapDurableTaskManagement();
        _app.MapPost("/start", async (HttpRequest request, DurableTaskClient client, DurableHttpManagement management) =>
            management.CreateCheckStatusResponse(request, await client.ScheduleNewOrchestrationInstanceAsync(nameof(AwaitApproval), 60_000)));
        await _app.StartAsync();
        _base = new Uri(_app.Urls.First());
        _http = new HttpClient();
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task A_worker_completes_an_instance_through_its_signed_event_url()
    {
        var start = await _http.PostAsync(new Uri(_app.Urls.First() + "/start"), null);
        Assert.Equal(HttpStatusCode.Accepted, start.StatusCode);
        var payload = (await start.Content.ReadFromJsonAsync<HttpManagementPayload>())!;
        Assert.Equal(payload.StatusQueryGetUri, start.Headers.Location);
        Assert.StartsWith(_app.Urls.First() + "/runtime/webhooks/durabletask/instances/", payload.StatusQueryGetUri.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("/raiseEvent/{eventName}?code=", payload.SendEventPostUri, StringComparison.Ordinal);

        var running = await _http.GetAsync(payload.StatusQueryGetUri);
        Assert.True(running.StatusCode is HttpStatusCode.Accepted, $"status query answered {running.StatusCode}");

        var eventUri = Management.CreateSendEventUri(payload.Id, "approval", _base);
        Assert.Equal(payload.SendEventPostUri.Replace("{eventName}", "approval", StringComparison.Ordinal), eventUri.ToString());
        var raised = await _http.PostAsJsonAsync(eventUri, new { by = "render-worker", approved = true });
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);

        var done = await Client.WaitForInstanceCompletionAsync(payload.Id, true, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal("render-worker:True", done.ReadOutputAs<string>());

        var status = await _http.GetAsync(new Uri(payload.StatusQueryGetUri.AbsoluteUri + "&showHistory=true"));
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        var document = JsonDocument.Parse(await status.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Completed", document.GetProperty("runtimeStatus").GetString());
        Assert.Equal("render-worker:True", document.GetProperty("output").GetString());
        Assert.True(document.GetProperty("historyEvents").GetArrayLength() > 3);

        // The exported status document is what the replayer reads to prove determinism after a code change.
        var replayed = HistoryReplayer.Replay(_app.Services, HistoryReplayer.Parse(document.GetRawText()));
        Assert.True(replayed.IsDeterministic, replayed.Error);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, replayed.Status);
        Assert.Equal("\"render-worker:True\"", replayed.Output);

        Assert.Equal(HttpStatusCode.Conflict, (await _http.PostAsJsonAsync(eventUri, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await _http.PostAsync(WithReason(payload.TerminatePostUri, "late"), null)).StatusCode);

        var purged = await _http.DeleteAsync(payload.PurgeHistoryDeleteUri);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(payload.StatusQueryGetUri)).StatusCode);
    }

    [Fact]
    public async Task Terminate_url_ends_a_running_instance_with_the_reason()
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever));
        var payload = Management.CreateHttpManagementPayload(id, _base);
        var running = await _http.DeleteAsync(payload.PurgeHistoryDeleteUri);
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        var terminated = await _http.PostAsync(WithReason(payload.TerminatePostUri, "user+cancelled"), null);
        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);
        var done = await Client.WaitForInstanceCompletionAsync(id, true, new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("user cancelled", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Tokens_are_bound_to_one_instance_and_required()
    {
        var first = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever));
        var second = await Client.ScheduleNewOrchestrationInstanceAsync(nameof(WaitForever));
        var firstToken = Code(Management.CreateHttpManagementPayload(first, _base).StatusQueryGetUri);
        Assert.NotEqual(firstToken, Code(Management.CreateHttpManagementPayload(second, _base).StatusQueryGetUri));
        Assert.True(Management.IsAuthorized(first, firstToken));
        Assert.False(Management.IsAuthorized(second, firstToken));

        // A wrong or missing code answers exactly like an unknown instance, so ids cannot be probed.
        var management = $"{_base.AbsoluteUri.TrimEnd('/')}/runtime/webhooks/durabletask";
        var borrowed = new Uri($"{management}/instances/{second}/raiseEvent/never?code={firstToken}");
        Assert.Equal(HttpStatusCode.NotFound, (await _http.PostAsJsonAsync(borrowed, "x")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(new Uri($"{management}/instances/{second}"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.DeleteAsync(new Uri($"{management}/instances/{second}?code=nonsense"))).StatusCode);
        Assert.True((await Client.GetInstanceAsync(second))!.IsRunning);

        var unknown = Management.CreateHttpManagementPayload("no-such-instance", _base);
        Assert.Equal(HttpStatusCode.NotFound, (await _http.GetAsync(unknown.StatusQueryGetUri)).StatusCode);

        await Client.TerminateInstanceAsync(first);
        await Client.TerminateInstanceAsync(second);
    }

    [Fact]
    public void A_base_that_already_names_the_management_prefix_is_not_extended()
    {
        var site = Management.CreateSendEventUri("abc", "done", new Uri("https://studio.example/"));
        var prefixed = Management.CreateSendEventUri("abc", "done", new Uri("https://studio.example/runtime/webhooks/durabletask"));
        Assert.Equal(site, prefixed);
        Assert.StartsWith("https://studio.example/runtime/webhooks/durabletask/instances/abc/raiseEvent/done?code=", site.AbsoluteUri, StringComparison.Ordinal);
    }

    private static string Code(Uri uri) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(uri.Query)["code"].ToString();

    private static Uri WithReason(Uri terminate, string reason) =>
        new(Uri.UnescapeDataString(terminate.AbsoluteUri).Replace("{text}", reason, StringComparison.Ordinal));
}
