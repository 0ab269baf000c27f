using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Projects;

namespace Serverless.Functions.Tests.Projects;

/// <summary>
/// No lost edits: storyboard and subtitle writes under ETags over real HTTP on the local stack, with If-Match refusing a
/// stale edit (409 10002) and every answer carrying the version the next edit sends back.
/// </summary>
public sealed class ConcurrentEditsTests(ProjectsAppFactory app) : IClassFixture<ProjectsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private ProjectsClient Api => new(_client, app.RenderQueue);

    private Task<JsonElement> SendAsync(TestUser user, HttpMethod method, string path, object? body, HttpStatusCode status, int code = 0) =>
        Api.SendAsync(user, method, path, body, status, code);

    private Task CompletesAsync(TestUser user, string taskId) => Api.CompletesAsync(user, taskId);

    private static string TaskIdOf(JsonElement accepted) => ProjectsClient.TaskIdOf(accepted);

    private Task<HttpResponseMessage> SendRawAsync(TestUser user, HttpMethod method, string path, object? body, string? ifMatch = null)
    {
        var request = ApiClient.Bearer(method, path, user.AccessToken, body);
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return _client.SendAsync(request);
    }

    private static async Task<(JsonElement Body, string ETag)> VersionedAsync(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        Assert.Equal(status, response.StatusCode);
        var etag = response.Headers.ETag?.ToString();
        Assert.False(string.IsNullOrEmpty(etag), "the answer carries an ETag");
        return (await response.Content.ReadFromJsonAsync<JsonElement>(), etag!);
    }

    private static async Task ConflictAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal(10002, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetInt32());
    }

    private async Task<(TestUser User, string ProjectId)> ProjectWithStoryboardAsync()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Edits at once", script = ProjectsApiTests.Script }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;
        await CompletesAsync(user, TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Accepted)));
        return (user, id);
    }

    private async Task<JsonElement> ShotsAsync(TestUser user, string projectId) =>
        (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{projectId}/storyboard", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("shots");

    [Fact]
    public async Task A_shots_timing_and_camera_are_edited_under_the_storyboards_etag_and_the_next_render_uses_them()
    {
        var (user, id) = await ProjectWithStoryboardAsync();
        var shotPath = $"/api/v1/projects/{id}/shots/shot-002";
        var (_, read) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/storyboard", null));

        var (edited, etag) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Patch, shotPath, new { duration = 7.5, motion = "pan_left", transition = "wipe" }, read));
        var shot = edited.GetProperty("data");
        Assert.Equal((7.5, "pan_left", "wipe"), (shot.GetProperty("duration").GetDouble(), shot.GetProperty("motion").GetString(), shot.GetProperty("transition").GetString()));
        Assert.NotEqual(read, etag);
        await ConflictAsync(await SendRawAsync(user, HttpMethod.Patch, shotPath, new { motion = "still" }, read));

        // Bounded and well formed, or refused naming the field; another user's project and an unknown shot are not found.
        foreach (var (body, field) in new (object Body, string Field)[]
        {
            (new { duration = 99 }, "duration"), (new { motion = "spin" }, "motion"), (new { motion = 7 }, "motion"), (new { transition = "slide" }, "transition"), (new { }, "body"),
        })
        {
            var refused = await SendAsync(user, HttpMethod.Patch, shotPath, body, HttpStatusCode.BadRequest, 10002);
            Assert.Equal(field, refused.GetProperty("error").GetProperty("field").GetString());
        }

        await SendAsync(await ApiClient.RegisterAsync(_client), HttpMethod.Patch, shotPath, new { motion = "still" }, HttpStatusCode.NotFound, 10003);
        await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/shots/shot-099", new { motion = "still" }, HttpStatusCode.NotFound, 10003);
        Assert.Equal("pan_left", (await ShotsAsync(user, id))[1].GetProperty("motion").GetString());

        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/render/final", new { resolution = "720p" }, HttpStatusCode.Accepted);
        var job = await Api.WaitForRenderJobAsync(id);
        Assert.Equal((CameraMotion.PanLeft, TransitionKind.Wipe), (job.Shots[1].Motion, job.Shots[1].TransitionIn));
        Assert.True(job.Shots[1].Duration >= 7.5, $"the render keeps the edited 7.5 s (speech permitting): {job.Shots[1].Duration} s");
    }

    [Fact]
    public async Task A_shots_line_is_edited_under_the_storyboards_etag_and_its_recorded_voice_is_dropped()
    {
        var (user, id) = await ProjectWithStoryboardAsync();
        await CompletesAsync(user, TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/audio/generate-dialogues", null, HttpStatusCode.Accepted)));
        var before = (await ShotsAsync(user, id))[1];
        Assert.Equal(JsonValueKind.Object, before.GetProperty("voice").ValueKind);
        var shotPath = $"/api/v1/projects/{id}/shots/shot-002";
        var (_, read) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/storyboard", null));

        var (edited, etag) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Patch, shotPath, new { text = "  什么事?快说吧。 " }, read));
        var shot = edited.GetProperty("data");
        Assert.Equal("什么事?快说吧。", shot.GetProperty("text").GetString());
        Assert.NotEqual(read, etag);

        // The old recording says the old line: it is gone, and everything else about the shot is as it was.
        var saved = (await ShotsAsync(user, id))[1];
        foreach (var answered in new[] { shot, saved })
        {
            Assert.Equal("什么事?快说吧。", answered.GetProperty("text").GetString());
            foreach (var voice in new[] { "voice", "voice_seconds", "voice_provider" })
            {
                Assert.True(!answered.TryGetProperty(voice, out var value) || value.ValueKind == JsonValueKind.Null, $"{voice} is cleared: {answered}");
            }

            foreach (var kept in new[] { "character", "line_type", "duration", "motion", "transition", "image_prompt" })
            {
                Assert.Equal(before.GetProperty(kept).ToString(), answered.GetProperty(kept).ToString());
            }
        }

        // Subtitles timed from the storyboard say the new line.
        var cues = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/subtitles", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("cues");
        Assert.Contains(cues.EnumerateArray(), c => c.GetProperty("text").GetString() == "什么事?快说吧。");

        await ConflictAsync(await SendRawAsync(user, HttpMethod.Patch, shotPath, new { text = "Lost edit" }, read));
        foreach (var text in new[] { "", "   ", new string('话', 501) })
        {
            var refused = await SendAsync(user, HttpMethod.Patch, shotPath, new { text }, HttpStatusCode.BadRequest, 10002);
            Assert.Equal("text", refused.GetProperty("error").GetProperty("field").GetString());
        }

        Assert.Equal("什么事?快说吧。", (await ShotsAsync(user, id))[1].GetProperty("text").GetString());
        await SendAsync(user, HttpMethod.Patch, shotPath, new { text = new string('话', 500) }, HttpStatusCode.OK);
    }

    [Fact]
    public async Task Parsing_the_script_while_characters_are_edited_loses_no_edit()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Parse and edit", script = ProjectsApiTests.Script }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/script/parse", null, HttpStatusCode.OK);
        var characters = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items");
        var ming = characters.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "小明").GetProperty("id").GetString()!;

        // Parses merge the script's declarations into the bible while edits of three different fields land on it:
        // a parse that read the bible before an edit and wrote after it would drop that field.
        object[] changes = [new { appearance = "green coat" }, new { color = "#112233" }, new { voice_id = "m3" }];
        var parses = Enumerable.Range(0, 6).Select(async i =>
        {
            await Task.Delay(i * 10);
            await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/script/parse", null, HttpStatusCode.OK);
        });
        var edits = changes.Select(async (change, i) =>
        {
            await Task.Delay(5 + (i * 20));
            await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{ming}", change, HttpStatusCode.OK);
        });
        await Task.WhenAll(parses.Concat(edits));

        var after = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items");
        var edited = after.EnumerateArray().Single(c => c.GetProperty("id").GetString() == ming);
        Assert.Equal(("green coat", "#112233", "m3"), (edited.GetProperty("appearance").GetString(), edited.GetProperty("color").GetString(), edited.GetProperty("voice_id").GetString()));
        Assert.Equal(["小明", "小红"], after.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Two_concurrent_regenerations_of_different_shots_both_land()
    {
        var (user, id) = await ProjectWithStoryboardAsync();
        await CompletesAsync(user, TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate-images", null, HttpStatusCode.Accepted)));

        var started = await Task.WhenAll(
            SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-001/regenerate", new { prompt_override = "a harbour at dawn" }, HttpStatusCode.Accepted),
            SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-002/regenerate", new { prompt_override = "a desert road at noon" }, HttpStatusCode.Accepted));
        var tasks = started.Select(TaskIdOf).ToList();
        await Task.WhenAll(tasks.Select(t => CompletesAsync(user, t)));

        // Each shot carries its own override and the picture its own task drew: neither write overwrote the other.
        var shots = await ShotsAsync(user, id);
        Assert.Equal("a harbour at dawn", shots[0].GetProperty("prompt_override").GetString());
        Assert.Equal("a desert road at noon", shots[1].GetProperty("prompt_override").GetString());
        Assert.Contains(tasks[0], shots[0].GetProperty("image").GetProperty("path").GetString());
        Assert.Contains(tasks[1], shots[1].GetProperty("image").GetProperty("path").GetString());
    }

    [Fact]
    public async Task Concurrent_storyboard_updates_are_each_redone_on_the_fresh_storyboard_and_a_pinned_stale_version_is_refused()
    {
        var (user, id) = await ProjectWithStoryboardAsync();
        var store = app.Services.GetRequiredService<StoryboardStore>();
        var (_, before) = await store.FindVersionAsync(user.UserId, id);
        Assert.NotNull(before);

        // Six writers at once, each adding its own note to the first shot; a plain overwrite would keep only some.
        var notes = Enumerable.Range(1, 6).Select(i => $"writer-{i}").ToList();
        var updates = await Task.WhenAll(notes.Select(note => store.UpdateAsync(user.UserId, id, current => current! with
        {
            Shots = current.Shots.Select((s, i) => i == 0 ? s with { Notes = [.. s.Notes, note] } : s).ToList(),
        })));
        Assert.All(updates, u => Assert.Equal(StoryboardUpdateKind.Saved, u.Kind));
        Assert.Equal(notes.Count, updates.Select(u => u.ETag).Distinct().Count());

        var (document, after) = await store.FindVersionAsync(user.UserId, id);
        Assert.Equal(notes.Order(), document!.Storyboard.Shots[0].Notes.Where(n => n.StartsWith("writer-", StringComparison.Ordinal)).Order());

        var stale = await store.UpdateAsync(user.UserId, id, current => current, ifMatch: before);
        Assert.Equal(StoryboardUpdateKind.Stale, stale.Kind);
        Assert.Equal(after, (await store.FindVersionAsync(user.UserId, id)).ETag);

        // Another user's id reads as no storyboard at all.
        var other = await ApiClient.RegisterAsync(_client);
        Assert.Equal(StoryboardUpdateKind.NotFound, (await store.UpdateAsync(other.UserId, id, current => current)).Kind);
    }

    [Fact]
    public async Task A_stale_if_match_on_a_subtitle_edit_gets_409_and_nothing_is_lost()
    {
        var (user, id) = await ProjectWithStoryboardAsync();
        var path = $"/api/v1/projects/{id}/subtitles";
        var (timed, timedTag) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Get, path, null));
        var cues = timed.GetProperty("data").GetProperty("cues");
        Assert.True(cues.GetArrayLength() >= 2, $"two spoken lines at least: {cues}");
        var first = cues[0].GetProperty("id").GetString()!;
        var second = cues[1].GetProperty("id").GetString()!;

        // The first edit is made on the version read and answers the new one; an edit of the old version is refused.
        var (_, editedTag) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Patch, $"{path}/{first}", new { text = "First, as edited" }, timedTag));
        Assert.NotEqual(timedTag, editedTag);
        await ConflictAsync(await SendRawAsync(user, HttpMethod.Patch, $"{path}/{first}", new { text = "Lost edit" }, timedTag));
        await ConflictAsync(await SendRawAsync(user, HttpMethod.Post, path, new { cues = new[] { new { start = 0.0, end = 1.0, text = "Replaced" } } }, timedTag));

        var (stored, storedTag) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Get, path, null));
        Assert.Equal(editedTag, storedTag);
        Assert.Equal("First, as edited", stored.GetProperty("data").GetProperty("cues")[0].GetProperty("text").GetString());
        Assert.Equal(cues.GetArrayLength(), stored.GetProperty("data").GetProperty("total").GetInt32());

        // Two edits at once on the same version: one wins, the other is told, and the winner's text is what is kept.
        var answers = await Task.WhenAll(
            SendRawAsync(user, HttpMethod.Patch, $"{path}/{second}", new { text = "Second by A" }, storedTag),
            SendRawAsync(user, HttpMethod.Patch, $"{path}/{second}", new { text = "Second by B" }, storedTag));
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        await ConflictAsync(answers.Single(a => a.StatusCode == HttpStatusCode.Conflict));
        var (won, wonTag) = await VersionedAsync(answers.Single(a => a.StatusCode == HttpStatusCode.OK));
        var winner = won.GetProperty("data").GetProperty("cues")[1].GetProperty("text").GetString();
        var (now, nowTag) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Get, path, null));
        Assert.Equal(wonTag, nowTag);
        Assert.Equal((winner, "First, as edited"), (now.GetProperty("data").GetProperty("cues")[1].GetProperty("text").GetString(), now.GetProperty("data").GetProperty("cues")[0].GetProperty("text").GetString()));

        // Without If-Match, edits of different cues at once are both applied to the track as it stands.
        await Task.WhenAll(
            SendAsync(user, HttpMethod.Patch, $"{path}/{first}", new { text = "First again" }, HttpStatusCode.OK),
            SendAsync(user, HttpMethod.Patch, $"{path}/{second}", new { text = "Second again" }, HttpStatusCode.OK));
        var both = (await SendAsync(user, HttpMethod.Get, path, null, HttpStatusCode.OK)).GetProperty("data").GetProperty("cues");
        Assert.Equal(("First again", "Second again"), (both[0].GetProperty("text").GetString(), both[1].GetProperty("text").GetString()));

        // The SRT file answers the same version as the JSON.
        var srt = await SendRawAsync(user, HttpMethod.Get, $"{path}?format=srt", null);
        var (_, jsonTag) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Get, path, null));
        Assert.Equal(jsonTag, srt.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Storyboard_and_character_etags_round_trip_and_edits_answer_the_new_one()
    {
        var (user, id) = await ProjectWithStoryboardAsync();
        var (_, storyboardTag) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/storyboard", null));
        var regenerate = $"/api/v1/projects/{id}/shots/shot-001/regenerate";

        await ConflictAsync(await SendRawAsync(user, HttpMethod.Post, regenerate, new { prompt_override = "never saved" }, "\"not-the-version\""));
        Assert.Null((await ShotsAsync(user, id))[0].GetProperty("prompt_override").GetString());

        var (accepted, editedTag) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Post, regenerate, new { prompt_override = "a rooftop in the rain" }, storyboardTag), HttpStatusCode.Accepted);
        Assert.NotEqual(storyboardTag, editedTag);
        await CompletesAsync(user, TaskIdOf(accepted));
        await ConflictAsync(await SendRawAsync(user, HttpMethod.Post, regenerate, new { prompt_override = "a second thought" }, storyboardTag));
        Assert.Equal("a rooftop in the rain", (await ShotsAsync(user, id))[0].GetProperty("prompt_override").GetString());

        var character = (await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/characters", new { name = "Ada" }, HttpStatusCode.Created)).GetProperty("data").GetProperty("id").GetString()!;
        var (_, listed) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null));
        var (_, afterEdit) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{character}", new { appearance = "green coat" }, listed));
        Assert.NotEqual(listed, afterEdit);
        var (_, relisted) = await VersionedAsync(await SendRawAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null));
        Assert.Equal(relisted, afterEdit);

        // The answered ETag is good for the next edit without a GET in between.
        await VersionedAsync(await SendRawAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{character}", new { appearance = "grey hat" }, afterEdit));
        await ConflictAsync(await SendRawAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{character}", new { appearance = "lost" }, afterEdit));
    }
}
