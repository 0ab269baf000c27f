using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Accounts;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;

namespace Serverless.Functions.Tests.Security;

/// <summary>Attacks on the bill: more tasks at once than the plan runs, paid work past the plan's units, scripts too big to plan.</summary>
public sealed class CostAttackTests(SecurityAppFactory app) : IClassFixture<SecurityAppFactory>
{
    private const string Script = "Scene: Kitchen, morning\nCharacters: Mia (female, barista)\nMia: Good morning.\nMia: The coffee is ready.\nMia: Sit down.";

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public void The_default_plan_runs_three_tasks_at_once()
    {
        Assert.Equal(3, new AccountOptions().Plan("free").MaxRunningTasks);
        Assert.Null(new AccountOptions().Plan("operator").MaxRunningTasks);
    }

    [Fact]
    public async Task A_fourth_task_at_once_answers_429_with_retry_after_and_takes_nothing()
    {
        var user = await ApiClient.RegisterAsync(_client);
        for (var i = 0; i < SecurityAppFactory.MaxRunningTasks; i++)
        {
            await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script })), HttpStatusCode.Accepted, 0);
        }

        var response = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script }));
        var refused = await ApiClient.ExpectAsync(response, HttpStatusCode.TooManyRequests, ErrorCodes.QuotaExceeded);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Equal(SecurityAppFactory.MaxRunningTasks, refused.GetProperty("data").GetProperty("max_running_tasks").GetInt32());

        // Nothing was charged or stored for the refused start.
        var me = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(SecurityAppFactory.MaxRunningTasks, me.GetProperty("data").GetProperty("quota").GetProperty("videos_this_month").GetInt32());
        var projects = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/projects", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(SecurityAppFactory.MaxRunningTasks, projects.GetProperty("data").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Concurrent_starts_never_run_more_than_the_cap()
    {
        var user = await ApiClient.RegisterAsync(_client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script }))));

        Assert.Equal(SecurityAppFactory.MaxRunningTasks, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.TooManyRequests, r.StatusCode));
    }

    [Fact]
    public async Task Drawing_pictures_takes_a_unit_per_shot_and_stops_at_the_plan()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var projectId = await CreateProjectAsync(user);
        await SaveStoryboardAsync(user.UserId, projectId);

        // Three shots: three units of five.
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/storyboard/generate-images", user.AccessToken)), HttpStatusCode.Accepted, 0);
        var refused = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/audio/generate-dialogues", user.AccessToken)), HttpStatusCode.Forbidden, ErrorCodes.QuotaExceeded);
        var quota = refused.GetProperty("data");
        Assert.Equal(3, quota.GetProperty("units_this_month").GetInt32());
        Assert.Equal(SecurityAppFactory.UnitsPerMonth, quota.GetProperty("units_per_month").GetInt32());
        Assert.True(quota.GetProperty("resets_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);

        // One redraw and one storyboard still fit; then the plan is spent.
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/shots/shot-001/regenerate", user.AccessToken)), HttpStatusCode.Accepted, 0);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/storyboard/generate", user.AccessToken)), HttpStatusCode.Accepted, 0);
        // The three tasks end (the engine is stopped here, so as their orchestrations would record it): the running cap
        // no longer stands in the way, and the last storyboard meets the spent plan.
        var store = app.Services.GetRequiredService<Serverless.Studio.Tasks.VideoTaskStore>();
        foreach (var task in await store.ListByProjectAsync(user.UserId, projectId))
        {
            await store.UpsertAsync(task with { Status = Serverless.Studio.Tasks.VideoTaskStatus.Completed });
        }

        var tasksBefore = await TaskCountAsync(user, projectId);
        await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/storyboard/generate", user.AccessToken)), HttpStatusCode.Forbidden, ErrorCodes.QuotaExceeded);
        Assert.Equal(tasksBefore, await TaskCountAsync(user, projectId));

        // A redraw with a prompt of its own is refused before the prompt is written.
        await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/shots/shot-002/regenerate", user.AccessToken, new { prompt_override = "a dragon" })),
            HttpStatusCode.Forbidden, ErrorCodes.QuotaExceeded);
        var saved = await app.Services.GetRequiredService<StoryboardStore>().FindDocumentAsync(user.UserId, projectId);
        Assert.Null(saved!.Storyboard.Shots.Single(s => s.Id == "shot-002").PromptOverride);
        Assert.Equal(tasksBefore, await TaskCountAsync(user, projectId));
    }

    [Fact]
    public async Task Too_many_shots_answer_400_naming_the_limit_and_start_nothing()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var lines = string.Concat(Enumerable.Range(0, SecurityAppFactory.MaxShots + 1).Select(i => $"\nMia: Line {i}."));
        var refused = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = "Scene: Kitchen, morning\nCharacters: Mia (female)" + lines })),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Contains("max_shots", refused.GetProperty("error").GetProperty("reason").GetString(), StringComparison.Ordinal);
        await AssertNothingStartedAsync(user);
    }

    [Fact]
    public async Task A_line_too_long_answers_400_naming_the_limit()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var refused = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken,
                new { script = "Scene: Kitchen, morning\nCharacters: Mia (female)\nMia: " + new string('a', SecurityAppFactory.MaxLineCharacters + 1) })),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Contains("max_line_characters", refused.GetProperty("error").GetProperty("reason").GetString(), StringComparison.Ordinal);
        await AssertNothingStartedAsync(user);
    }

    [Fact]
    public async Task Hours_of_planned_speech_answer_400_on_videos_renders_and_storyboards()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var words = string.Join(' ', Enumerable.Repeat("word", 35));
        var script = new StringBuilder("Scene: Kitchen, morning\nCharacters: Mia (female)");
        for (var i = 0; i < 5; i++)
        {
            script.Append("\nMia: ").Append(words).Append('.');
        }

        var refused = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = script.ToString() })),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Contains("max_duration_seconds", refused.GetProperty("error").GetProperty("reason").GetString(), StringComparison.Ordinal);
        await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script, target_duration = 3600 })),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);

        var projectId = await CreateProjectAsync(user, script.ToString());
        foreach (var path in new[] { "storyboard/generate", "render/preview", "render/final" })
        {
            var body = await ApiClient.ExpectAsync(
                await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/{path}", user.AccessToken)), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
            Assert.Contains("max_duration_seconds", body.GetProperty("error").GetProperty("reason").GetString(), StringComparison.Ordinal);
        }

        await AssertNothingStartedAsync(user);
        Assert.Equal(0, await TaskCountAsync(user, projectId));
    }

    private async Task<string> CreateProjectAsync(TestUser user, string script = Script)
    {
        var created = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/projects", user.AccessToken, new { name = "Attack", style = "comic", script })), HttpStatusCode.Created, 0);
        return created.GetProperty("data").GetProperty("id").GetString()!;
    }

    /// <summary>A planned storyboard saved as the orchestration would, so the shots' endpoints have shots to meter.</summary>
    private async Task SaveStoryboardAsync(string userId, string projectId)
    {
        var screenplay = ScreenplayParser.Parse(Script).Screenplay!;
        var storyboard = new StoryboardPlanner().Plan(screenplay, new StoryboardOptions("comic", "9:16"));
        Assert.Equal(3, storyboard.Shots.Count);
        await app.Services.GetRequiredService<StoryboardStore>().UpdateAsync(userId, projectId, _ => storyboard);
    }

    private async Task<int> TaskCountAsync(TestUser user, string projectId) =>
        (await app.Services.GetRequiredService<Serverless.Studio.Tasks.VideoTaskStore>().ListByProjectAsync(user.UserId, projectId)).Count;

    private async Task AssertNothingStartedAsync(TestUser user)
    {
        var me = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(0, me.GetProperty("data").GetProperty("quota").GetProperty("videos_this_month").GetInt32());
    }
}
