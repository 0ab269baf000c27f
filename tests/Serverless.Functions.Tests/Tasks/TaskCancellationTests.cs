using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask.Client;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Projects;
using Serverless.Functions.Tests.Triggers;

namespace Serverless.Functions.Tests.Tasks;

/// <summary>
/// <c>POST /api/v1/tasks/{id}/cancel</c> on the running engine: a video waiting for approval (a stable place to stop
/// it) is cancelled for its owner only, its orchestration is terminated, <c>video.cancelled</c> reaches a signed
/// webhook, and a cancelled task stays cancelled.
/// </summary>
public sealed class TaskCancellationTests(TriggerAppFactory app) : IClassFixture<TriggerAppFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_waiting_video_is_cancelled_by_its_owner_announced_and_stays_cancelled()
    {
        await using var receiver = new WebhookReceiver(200);
        var owner = app.ClientFor(app.Shared.KeyA);
        var stranger = app.ClientFor(app.Shared.KeyB);
        var hook = await DataAsync(await owner.PostAsJsonAsync("/api/v1/webhooks", new { url = receiver.Url, events = new[] { "video.cancelled" } }), HttpStatusCode.Created);
        receiver.Secret = hook.GetProperty("secret").GetString();

        var accepted = await DataAsync(
            await owner.PostAsJsonAsync("/api/v1/videos", new { script = ProjectsApiTests.Script, approval_required = true }), HttpStatusCode.Accepted);
        var taskId = accepted.GetProperty("task_id").GetString()!;
        var projectId = accepted.GetProperty("project_id").GetString()!;
        Assert.Equal("awaiting_approval", await WaitForStatusAsync(owner, taskId, "awaiting_approval", "failed"));

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostAsync($"/api/v1/tasks/{taskId}/cancel", null)).StatusCode);
        var cancelled = await DataAsync(await owner.PostAsync($"/api/v1/tasks/{taskId}/cancel", null), HttpStatusCode.OK);
        Assert.Equal(("cancelled", "Cancelled"), (cancelled.GetProperty("status").GetString(), cancelled.GetProperty("current_step").GetString()));

        var received = await receiver.WaitForAsync(1, Patience);
        var announced = Assert.Single(received);
        Assert.True(announced.SignatureValid, $"signature {announced.Signature} did not verify");
        using (var body = JsonDocument.Parse(announced.Body))
        {
            Assert.Equal("video.cancelled", body.RootElement.GetProperty("type").GetString());
            Assert.Equal((taskId, "cancelled"), (body.RootElement.GetProperty("data").GetProperty("task_id").GetString(), body.RootElement.GetProperty("data").GetProperty("status").GetString()));
        }

        // Termination is a message to the orchestration: it lands within moments, not within the request.
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        var clock = Stopwatch.StartNew();
        var instance = await durable.GetInstanceAsync(taskId);
        while (instance?.RuntimeStatus != OrchestrationRuntimeStatus.Terminated && clock.Elapsed < Patience)
        {
            await Task.Delay(200);
            instance = await durable.GetInstanceAsync(taskId);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, instance?.RuntimeStatus);
        Assert.NotNull(await durable.GetInstanceAsync($"sweep-{taskId}"));

        // Nothing the stopped orchestration left behind turns it back: still cancelled, nothing to approve or cancel.
        await Task.Delay(1000);
        Assert.Equal("cancelled", (await DataAsync(await owner.GetAsync($"/api/v1/tasks/{taskId}"), HttpStatusCode.OK)).GetProperty("status").GetString());
        await ExpectAsync(await owner.PostAsync($"/api/v1/tasks/{taskId}/cancel", null), HttpStatusCode.Conflict, 10002);
        await ExpectAsync(await owner.PostAsync($"/api/v1/projects/{projectId}/storyboard/approve", null), HttpStatusCode.Conflict, 10002);
    }

    [Fact]
    public async Task An_unknown_task_is_not_found()
    {
        await ExpectAsync(await app.ClientFor(app.Shared.KeyA).PostAsync("/api/v1/tasks/tsk_0123456789abcdef_000000000000/cancel", null), HttpStatusCode.NotFound, 10003);
    }

    private static async Task<string?> WaitForStatusAsync(HttpClient client, string taskId, params string[] statuses)
    {
        var clock = Stopwatch.StartNew();
        string? status = null;
        while (clock.Elapsed < Patience)
        {
            status = (await DataAsync(await client.GetAsync($"/api/v1/tasks/{taskId}"), HttpStatusCode.OK)).GetProperty("status").GetString();
            if (statuses.Contains(status))
            {
                return status;
            }

            await Task.Delay(250);
        }

        return status;
    }

    private static async Task<JsonElement> DataAsync(HttpResponseMessage response, HttpStatusCode expected) =>
        (await ExpectAsync(response, expected, 0)).GetProperty("data");

    private static Task<JsonElement> ExpectAsync(HttpResponseMessage response, HttpStatusCode expected, int code) =>
        ApiClient.ExpectAsync(response, expected, code);
}
