using System.Net;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Tasks;
using Serverless.Studio.Webhooks;

namespace Serverless.Functions.Tests.Security;

/// <summary>Attacks that learn what they should not: our network from webhook errors, internals from failed tasks; and guessed keys that cost reads.</summary>
public sealed class DisclosureAttackTests(SecurityAppFactory app) : IClassFixture<SecurityAppFactory>
{
    private const string Script = "Scene: Kitchen, morning\nCharacters: Mia (female, barista)\nMia: Good morning.";

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task A_webhook_refusal_never_echoes_the_resolved_address()
    {
        var guard = new OutboundAddressGuard(Options.Create(new WebhookOptions { AllowHttp = true, AllowLoopback = false }));

        var reason = await guard.CheckUrlAsync("http://localhost:8080/hook");

        Assert.Equal($"a public address (localhost is {OutboundAddressGuard.NotPublic})", reason);
        Assert.DoesNotContain("127.0.0.1", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("::1", reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_tasks_raw_exception_is_shown_as_a_stable_message_with_its_code()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var started = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script })), HttpStatusCode.Accepted, 0);
        var taskId = started.GetProperty("data").GetProperty("task_id").GetString()!;
        var store = app.Services.GetRequiredService<VideoTaskStore>();
        var task = (await store.FindAsync(user.UserId, taskId))!;
        const string Raw = "DrawShotActivity failed: Connection refused (10.0.3.7:443) at /srv/app/Providers/ImageClient.cs:line 88";
        await store.UpsertAsync(task with { Status = VideoTaskStatus.Failed, Error = new TaskError(ErrorCodes.GenerationFailed, Raw) });

        var view = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/tasks/{taskId}", user.AccessToken)), HttpStatusCode.OK, 0);

        var error = view.GetProperty("data").GetProperty("error");
        Assert.Equal(ErrorCodes.GenerationFailed, error.GetProperty("code").GetInt32());
        Assert.Equal(TaskErrors.GenerationFailed, error.GetProperty("message").GetString());
        Assert.DoesNotContain("10.0.3.7", view.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ErrorCodes.RenderFailed, "Rendering failed: ffmpeg exited 1: /tmp/job-4/in.png: No such file or directory", TaskErrors.RenderFailed)]
    [InlineData(ErrorCodes.System, "System.NullReferenceException: Object reference not set", TaskErrors.System)]
    [InlineData(ErrorCodes.GenerationFailed, "The storyboard was not approved within 01:00:00", "The storyboard was not approved within 01:00:00")]
    [InlineData(ErrorCodes.InvalidParameters, "The script could not be used: no lines", "The script could not be used: no lines")]
    public void Only_our_own_sentences_pass_through(int code, string recorded, string shown) =>
        Assert.Equal(shown, TaskErrors.ForUser(new TaskError(code, recorded)).Shown.Message);

    [Fact]
    public async Task A_guessed_api_key_is_remembered_as_unknown_so_asking_again_reads_nothing()
    {
        const string Guess = "sk_guessed_0123456789abcdef0123456789";

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", Guess)), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);

        Assert.True(app.Services.GetRequiredService<IMemoryCache>().TryGetValue(ApiKeys.UnknownCacheKey(AccountIds.Digest(Guess)), out _));
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", Guess)), HttpStatusCode.Unauthorized, ErrorCodes.NotLoggedIn);

        // A key issued now works at once: its secret was never presented before.
        var user = await ApiClient.RegisterAsync(_client);
        var key = (await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/keys", user.AccessToken, new { name = "k" })), HttpStatusCode.Created, 0))
            .GetProperty("data").GetProperty("key").GetString()!;
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", key)), HttpStatusCode.OK, 0);
    }
}
