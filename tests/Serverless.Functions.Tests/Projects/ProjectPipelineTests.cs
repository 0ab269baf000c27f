using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Serverless.Contracts.Rendering;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Projects;
using Serverless.Studio.Tasks;

namespace Serverless.Functions.Tests.Projects;

/// <summary>
/// The long steps on the running engine: a storyboard on its own, approval (wait, approve, go on to the render
/// submission; or time out), and renders with their size. The render worker is not running: a submitted job stays on
/// this app's own queue, where the test reads it.
/// </summary>
public sealed class ProjectPipelineTests(ProjectsAppFactory app) : IClassFixture<ProjectsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private ProjectsClient Api => new(_client, app.RenderQueue);

    private Task<JsonElement> SendAsync(TestUser user, HttpMethod method, string path, object? body, HttpStatusCode status, int code = 0) =>
        Api.SendAsync(user, method, path, body, status, code);

    private Task<JsonElement> WaitForTaskAsync(TestUser user, string taskId, params string[] statuses) => Api.WaitForTaskAsync(user, taskId, statuses);

    private Task<RenderJob> WaitForRenderJobAsync(string projectId) => Api.WaitForRenderJobAsync(projectId);

    private static string TaskIdOf(JsonElement accepted) => ProjectsClient.TaskIdOf(accepted);

    [Fact]
    public async Task A_storyboard_is_generated_on_its_own_with_the_character_bible_in_its_prompts()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Board" }, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetString()!;
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Conflict, 10002);
        await SendAsync(user, HttpMethod.Put, $"/api/v1/projects/{id}/script", new { content = ProjectsApiTests.Script }, HttpStatusCode.OK);
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/characters", new { name = "小明", appearance = "red scarf", color = "#cc0000" }, HttpStatusCode.Created);

        var accepted = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Accepted);
        await WaitForTaskAsync(user, TaskIdOf(accepted), "completed");

        var shots = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/storyboard", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("shots");
        Assert.Equal(2, shots.GetArrayLength());
        Assert.Contains("小明 (男, 学生, red scarf, signature colour #cc0000)", shots[0].GetProperty("image_prompt").GetString());

        // The script's declaration joined the bible beside the edit, which it did not undo.
        var characters = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items");
        var ming = characters.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "小明");
        Assert.Equal(("red scarf", "#cc0000"), (ming.GetProperty("appearance").GetString(), ming.GetProperty("color").GetString()));
        Assert.Equal(["男", "学生"], ming.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task A_video_that_needs_approval_waits_with_its_storyboard_visible_and_goes_on_to_render_once_approved()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var accepted = await SendAsync(user, HttpMethod.Post, "/api/v1/videos", new { script = ProjectsApiTests.Script, approval_required = true }, HttpStatusCode.Accepted);
        var (taskId, projectId) = (TaskIdOf(accepted), accepted.GetProperty("data").GetProperty("project_id").GetString()!);

        var waiting = await WaitForTaskAsync(user, taskId, "awaiting_approval", "failed");
        Assert.Equal("awaiting_approval", waiting.GetProperty("status").GetString());
        var storyboard = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{projectId}/storyboard", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(2, storyboard.GetProperty("shots").GetArrayLength());

        // Still waiting a moment later: nothing is drawn or rendered before approval.
        await Task.Delay(1500);
        Assert.Equal("awaiting_approval", (await SendAsync(user, HttpMethod.Get, $"/api/v1/tasks/{taskId}", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("status").GetString());

        var other = await ApiClient.RegisterAsync(_client);
        await SendAsync(other, HttpMethod.Post, $"/api/v1/projects/{projectId}/storyboard/approve", null, HttpStatusCode.NotFound, 10003);
        var approved = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{projectId}/storyboard/approve", new { comment = "looks good" }, HttpStatusCode.OK);
        Assert.Equal(taskId, approved.GetProperty("data").GetProperty("task_id").GetString());

        var job = await WaitForRenderJobAsync(projectId);
        Assert.Equal(2, job.Shots.Count);
        Assert.Equal(2, job.Voices.Count);
        var rendering = await WaitForTaskAsync(user, taskId, "running", "failed");
        Assert.Equal("running", rendering.GetProperty("status").GetString());

        // Once it has gone on, there is nothing left to approve.
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{projectId}/storyboard/approve", null, HttpStatusCode.Conflict, 10002);
    }

    [Fact]
    public async Task A_storyboard_left_unapproved_fails_the_video_with_the_reason()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Unapproved", script = ProjectsApiTests.Script, approval_required = true }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;

        var accepted = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/render/final", new { resolution = "720p" }, HttpStatusCode.Accepted);
        var taskId = TaskIdOf(accepted);
        Assert.Equal("awaiting_approval", (await WaitForTaskAsync(user, taskId, "awaiting_approval", "failed")).GetProperty("status").GetString());

        var failed = await WaitForTaskAsync(user, taskId, "failed", "completed");
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(30003, failed.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Contains("not approved", failed.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task Renders_take_their_size_from_preset_and_resolution_and_refuse_what_the_worker_cannot_make()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Render", script = ProjectsApiTests.Script }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;

        foreach (var (body, field) in new (object, string)[]
        {
            (new { resolution = "8k" }, "resolution"),
            (new { format = "gif" }, "format"),
            (new { platform_preset = "myspace" }, "platform_preset"),
        })
        {
            var refused = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/render/final", body, HttpStatusCode.BadRequest, 10002);
            Assert.Equal(field, refused.GetProperty("error").GetProperty("field").GetString());
        }

        var accepted = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/render/final", new { resolution = "720p", platform_preset = "bilibili", format = "mp4" }, HttpStatusCode.Accepted);
        var job = await WaitForRenderJobAsync(id);
        Assert.Equal((1280, 720), (job.Output.Width, job.Output.Height));
        Assert.Equal(TaskIdOf(accepted), job.JobId[..^"-render".Length]);
    }

    [Fact]
    public async Task A_video_takes_its_platform_preset_with_the_platforms_loudness_ceiling_and_safe_area()
    {
        var user = await ApiClient.RegisterAsync(_client);
        foreach (var (body, field, words) in new (object, string, string)[]
        {
            (new { script = ProjectsApiTests.Script, platform_preset = "myspace" }, "platform_preset", "douyin"),
            (new { script = ProjectsApiTests.Script, platform_preset = "youtube-shorts", target_duration = 300 }, "target_duration", "at most 180 s (limit max_duration_seconds of youtube-shorts)"),
            // No target: the script's own planned length (about 270 s, under the app's 600 s) against the platform's, before anything is stored.
            (new { script = LongScript(40), platform_preset = "youtube-shorts" }, "script", "(limit max_duration_seconds of youtube-shorts)"),
        })
        {
            var refused = await SendAsync(user, HttpMethod.Post, "/api/v1/videos", body, HttpStatusCode.BadRequest, 10002);
            Assert.Equal(field, refused.GetProperty("error").GetProperty("field").GetString());
            Assert.Contains(words, refused.GetProperty("message").GetString());
        }

        // The platform's shape wins over aspect_ratio, as for project renders.
        var accepted = await SendAsync(user, HttpMethod.Post, "/api/v1/videos", new { script = ProjectsApiTests.Script, platform_preset = "bilibili", aspect_ratio = "9:16" }, HttpStatusCode.Accepted);
        var job = await WaitForRenderJobAsync(accepted.GetProperty("data").GetProperty("project_id").GetString()!);
        var bilibili = PlatformPresets.Find("bilibili")!;
        Assert.Equal((1920, 1080, "bilibili"), (job.Output.Width, job.Output.Height, job.Output.Platform));
        Assert.Equal((-16.0, -1.0, 6000, 12000), (job.Output.LoudnessLufs, job.Output.TruePeakDbtp, job.Output.MaxRateKbps, job.Output.BufSizeKbits));
        Assert.Equal(bilibili.SafeArea, job.Output.SafeArea);
    }

    [Fact]
    public async Task A_saved_storyboard_longer_than_the_platform_takes_is_refused_before_any_work_naming_the_limit()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var script = string.Join("\n", ["场景:教室,白天", "角色:小明(男,学生)", .. Enumerable.Range(1, 7).Select(i => $"小明: 这是第{i}句话。")]);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Long", script }, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetString()!;
        await WaitForTaskAsync(user, TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Accepted)), "completed");
        var shots = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/storyboard", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("shots");
        foreach (var shot in shots.EnumerateArray())
        {
            await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/shots/{shot.GetProperty("id").GetString()}", new { duration = 30 }, HttpStatusCode.OK);
        }

        var refused = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/render/final", new { platform_preset = "youtube-shorts" }, HttpStatusCode.BadRequest, 10002);

        Assert.Equal("platform_preset", refused.GetProperty("error").GetProperty("field").GetString());
        Assert.Contains("at most 180 s for youtube-shorts", refused.GetProperty("message").GetString());
        // Nothing started: the project's latest task is still the storyboard's.
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/render/final", new { platform_preset = "douyin", resolution = "720p" }, HttpStatusCode.Accepted);
    }

    [Fact]
    public async Task A_completed_task_shows_the_workers_self_check_with_each_figure()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var projectId = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Checked" }, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetString()!;
        var taskId = StudioIds.NewTaskId(projectId);
        var now = DateTimeOffset.UtcNow;
        // As PublishVideoActivity records a completed render's RenderCompleted.Qc.
        await app.Services.GetRequiredService<VideoTaskStore>().UpsertAsync(new VideoTask
        {
            Id = taskId, ProjectId = projectId, UserId = user.UserId, InstanceId = taskId, Status = VideoTaskStatus.Completed,
            CreatedAt = now, UpdatedAt = now, CompletedAt = now,
            Qc = new Dictionary<string, QualityCheck>
            {
                ["loudness"] = new(-14.1, true, "-14.1 LUFS against -14.0 ± 0.5 LU", Fixed: true),
                ["black_frames"] = new(0, true),
            },
        });

        var qc = (await SendAsync(user, HttpMethod.Get, $"/api/v1/tasks/{taskId}", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("qc");

        Assert.Equal(-14.1, qc.GetProperty("loudness").GetProperty("value").GetDouble());
        Assert.True(qc.GetProperty("loudness").GetProperty("passed").GetBoolean());
        Assert.True(qc.GetProperty("loudness").GetProperty("fixed").GetBoolean());
        Assert.True(qc.GetProperty("black_frames").GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task A_script_planning_longer_than_the_platform_takes_is_refused_before_any_task_naming_the_limit()
    {
        var user = await ApiClient.RegisterAsync(_client);
        // Silent actions of 2.3 s each: 184 s, past youtube-shorts' 180 s. (SubmitRenderActivity holds the planned
        // storyboard to the same ceiling, for storyboards edited longer after this check.)
        var script = string.Join("\n", ["场景:街道,白天", "角色:小明(男,学生)", .. Enumerable.Range(1, 80).Select(i => $"[小明走过第{i}个路口]")]);

        var refused = await SendAsync(user, HttpMethod.Post, "/api/v1/videos", new { script, platform_preset = "youtube-shorts" }, HttpStatusCode.BadRequest, 10002);

        Assert.Contains("at most 180 s of planned video (limit max_duration_seconds of youtube-shorts)", refused.GetProperty("error").GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    private static string LongScript(int lines) => string.Join('\n', Enumerable.Range(0, lines).Select(i =>
        i % 2 == 0 ? $"小明(平静): 我们今天走了很远的路，看到了很多以前没有见过的风景，第{i}次。" : $"小红(开心): 是啊，下次我们再一起来这里看看吧，第{i}次。"));
}
