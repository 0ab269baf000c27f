using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Contracts.Rendering;
using Microsoft.DurableTask.Client;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Projects;

/// <summary>
/// Project renders from the saved storyboard, their quota, deleting a project mid-run and concurrent bible edits, on the
/// running engine; the worker is not running, so a submitted render job stays on this app's queue to be read.
/// </summary>
public sealed class ProjectRenderEditsTests(ProjectsAppFactory app) : IClassFixture<ProjectsAppFactory>
{
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(3);

    private readonly HttpClient _client = app.CreateClient();

    private ProjectsClient Api => new(_client, app.RenderQueue);

    private Task<JsonElement> WaitForTaskAsync(TestUser user, string taskId, params string[] statuses) => Api.WaitForTaskAsync(user, taskId, statuses);

    private Task<RenderJob> WaitForRenderJobAsync(string projectId) => Api.WaitForRenderJobAsync(projectId);

    private static string TaskIdOf(JsonElement accepted) => ProjectsClient.TaskIdOf(accepted);

    private static async Task<JsonElement> SendAsync(HttpClient client, TestUser user, HttpMethod method, string path, object? body, HttpStatusCode status, int code = 0) =>
        await ApiClient.ExpectAsync(await client.SendAsync(ApiClient.Bearer(method, path, user.AccessToken, body)), status, code);

    private Task<JsonElement> SendAsync(TestUser user, HttpMethod method, string path, object? body, HttpStatusCode status, int code = 0) =>
        SendAsync(_client, user, method, path, body, status, code);

    private async Task<string> CreateProjectAsync(TestUser user, bool approvalRequired = false) =>
        (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Edits", script = ProjectsApiTests.Script, approval_required = approvalRequired }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;

    private async Task RunAsync(TestUser user, string path)
    {
        var accepted = await SendAsync(user, HttpMethod.Post, path, null, HttpStatusCode.Accepted);
        Assert.Equal("completed", (await WaitForTaskAsync(user, TaskIdOf(accepted), "completed", "failed")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_render_after_a_prompt_override_uses_the_regenerated_picture_and_draws_nothing_it_already_had()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = await CreateProjectAsync(user);
        await RunAsync(user, $"/api/v1/projects/{id}/storyboard/generate");
        await RunAsync(user, $"/api/v1/projects/{id}/storyboard/generate-images");
        await RunAsync(user, $"/api/v1/projects/{id}/audio/generate-dialogues");
        var regenerated = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-002/regenerate", new { prompt_override = "a lighthouse in a storm" }, HttpStatusCode.Accepted);
        Assert.Equal("completed", (await WaitForTaskAsync(user, TaskIdOf(regenerated), "completed", "failed")).GetProperty("status").GetString());

        var saved = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/storyboard", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("shots");
        var pictures = saved.EnumerateArray().Select(s => s.GetProperty("image").GetProperty("path").GetString()!).ToList();
        Assert.Contains(TaskIdOf(regenerated), pictures[1]);
        Assert.Equal("a lighthouse in a storm", saved[1].GetProperty("prompt_override").GetString());

        var render = TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/render/preview", null, HttpStatusCode.Accepted));
        var job = await WaitForRenderJobAsync(id);
        Assert.Equal(pictures, job.Shots.Select(s => s.Image.Path));
        Assert.All(job.Voices, v => Assert.DoesNotContain(render, v.Audio.Path));

        // The override survived the render's save of the storyboard.
        var after = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/storyboard", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("shots");
        Assert.Equal("a lighthouse in a storm", after[1].GetProperty("prompt_override").GetString());
    }

    [Fact]
    public async Task A_project_render_over_the_plan_quota_answers_30001()
    {
        await using var limited = app.WithWebHostBuilder(b => b.UseSetting("Accounts:Plans:free:VideosPerMonth", "1"));
        var client = limited.CreateClient();
        var user = await ApiClient.RegisterAsync(client);
        var id = (await SendAsync(client, user, HttpMethod.Post, "/api/v1/projects", new { name = "Quota", script = ProjectsApiTests.Script, approval_required = true }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;

        await SendAsync(client, user, HttpMethod.Post, $"/api/v1/projects/{id}/render/preview", null, HttpStatusCode.Accepted);
        var refused = await SendAsync(client, user, HttpMethod.Post, $"/api/v1/projects/{id}/render/final", null, HttpStatusCode.Forbidden, 30001);
        Assert.Equal(1, refused.GetProperty("data").GetProperty("videos_per_month").GetInt32());
        await SendAsync(client, user, HttpMethod.Delete, $"/api/v1/projects/{id}", null, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_a_project_mid_run_terminates_its_orchestration_and_leaves_no_task_running()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = await CreateProjectAsync(user, approvalRequired: true);
        var taskId = TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/render/final", null, HttpStatusCode.Accepted));
        Assert.Equal("awaiting_approval", (await WaitForTaskAsync(user, taskId, "awaiting_approval", "failed")).GetProperty("status").GetString());

        await SendAsync(user, HttpMethod.Delete, $"/api/v1/projects/{id}", null, HttpStatusCode.OK);

        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        var clock = Stopwatch.StartNew();
        OrchestrationMetadata? instance = null;
        while (clock.Elapsed < Patience && (instance = await durable.GetInstanceAsync(taskId))?.RuntimeStatus != OrchestrationRuntimeStatus.Terminated)
        {
            await Task.Delay(250);
        }

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, instance?.RuntimeStatus);
        var task = (await SendAsync(user, HttpMethod.Get, $"/api/v1/tasks/{taskId}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Contains("deleted", task.GetProperty("error").GetProperty("message").GetString());
        await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}", null, HttpStatusCode.NotFound, 10003);
    }

    [Fact]
    public async Task Two_concurrent_character_edits_of_one_version_one_wins_the_other_gets_409_and_nothing_is_lost()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = await CreateProjectAsync(user);
        var character = (await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/characters", new { name = "Mia" }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;
        var list = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/projects/{id}/characters", user.AccessToken, null));
        var etag = list.Headers.ETag?.ToString();
        Assert.False(string.IsNullOrEmpty(etag));

        HttpRequestMessage Edit(string appearance)
        {
            var request = ApiClient.Bearer(HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{character}", user.AccessToken, new { appearance });
            request.Headers.TryAddWithoutValidation("If-Match", etag);
            return request;
        }

        var answers = await Task.WhenAll(_client.SendAsync(Edit("red scarf")), _client.SendAsync(Edit("blue hat")));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var loser = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal(10002, (await loser.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
        var winner = (await answers.Single(a => a.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("appearance").GetString();

        // What the bible holds is the winner's edit, and the stale version can no longer overwrite it.
        var stored = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items")[0];
        Assert.Equal(winner, stored.GetProperty("appearance").GetString());
        Assert.Equal(HttpStatusCode.Conflict, (await _client.SendAsync(Edit("green coat"))).StatusCode);

        // Without If-Match, concurrent edits of different fields are both applied to the bible as it stands.
        await Task.WhenAll(
            SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{character}", new { color = "#112233" }, HttpStatusCode.OK),
            SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{character}", new { attributes = new[] { "barista" } }, HttpStatusCode.OK));
        stored = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items")[0];
        Assert.Equal<(string?, string?, string?)>(("#112233", "barista", winner), (stored.GetProperty("color").GetString(), stored.GetProperty("attributes")[0].GetString(), stored.GetProperty("appearance").GetString()));
    }
}
