using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Azure.Storage.Queues;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Projects;

/// <summary>
/// Pictures, voices and subtitles of a saved storyboard over real HTTP on the running engine: every shot drawn, one
/// redrawn from the user's words, every line recorded, subtitles read as SRT/VTT/JSON, replaced, edited, and used by
/// the next render.
/// </summary>
public sealed class ShotsAndSubtitlesTests(ProjectsAppFactory app) : IClassFixture<ProjectsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private ProjectsClient Api => new(_client, app.RenderQueue);

    private Task<JsonElement> SendAsync(TestUser user, HttpMethod method, string path, object? body, HttpStatusCode status, int code = 0) =>
        Api.SendAsync(user, method, path, body, status, code);

    private Task<RenderJob> WaitForRenderJobAsync(string projectId) => Api.WaitForRenderJobAsync(projectId);

    private async Task<string> TextAsync(TestUser user, string path, string mediaType)
    {
        var response = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, path, user.AccessToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    private Task CompletesAsync(TestUser user, JsonElement accepted) => Api.CompletesAsync(user, ProjectsClient.TaskIdOf(accepted));

    private async Task<(TestUser User, string ProjectId)> ProjectWithStoryboardAsync()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Shots", script = ProjectsApiTests.Script }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;
        await CompletesAsync(user, await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Accepted));
        return (user, id);
    }

    private Task<JsonElement> ShotsAsync(TestUser user, string projectId) => Api.ShotsAsync(user, projectId);

    private static Task<byte[]> BlobAsync(JsonElement blob) => ProjectsClient.BlobAsync(blob);

    [Fact]
    public async Task Every_shot_is_drawn_and_one_is_redrawn_from_the_users_own_description()
    {
        var (user, id) = await ProjectWithStoryboardAsync();
        var other = await ApiClient.RegisterAsync(_client);
        await SendAsync(other, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate-images", null, HttpStatusCode.NotFound, 10003);
        await SendAsync(other, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-001/regenerate", new { prompt_override = "a beach" }, HttpStatusCode.NotFound, 10003);

        await CompletesAsync(user, await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate-images", null, HttpStatusCode.Accepted));
        var shots = await ShotsAsync(user, id);
        Assert.Equal(2, shots.GetArrayLength());
        foreach (var shot in shots.EnumerateArray())
        {
            Assert.Equal("offline", shot.GetProperty("image_provider").GetString());
            var png = await BlobAsync(shot.GetProperty("image"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }

        var before = shots[0];
        var beforePng = await BlobAsync(before.GetProperty("image"));

        // Bounded and well formed, or refused with the field; an unknown shot is not found.
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-001/regenerate", new { prompt_override = new string('x', 1001) }, HttpStatusCode.BadRequest, 10002);
        var blank = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-001/regenerate", new { prompt_override = "  " }, HttpStatusCode.BadRequest, 10002);
        Assert.Equal("prompt_override", blank.GetProperty("error").GetProperty("field").GetString());
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-001/regenerate", new { prompt_override = 5 }, HttpStatusCode.BadRequest, 10002);
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-099/regenerate", null, HttpStatusCode.NotFound, 10003);

        const string Override = "the two friends on a quiet beach at night";
        await CompletesAsync(user, await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-001/regenerate", new { prompt_override = Override }, HttpStatusCode.Accepted));
        var after = (await ShotsAsync(user, id))[0];
        Assert.Equal(Override, after.GetProperty("prompt_override").GetString());
        Assert.Contains(Override, after.GetProperty("image_prompt").GetString());
        Assert.NotEqual(before.GetProperty("image_prompt").GetString(), after.GetProperty("image_prompt").GetString());
        Assert.NotEqual(before.GetProperty("image").GetProperty("path").GetString(), after.GetProperty("image").GetProperty("path").GetString());
        var afterPng = await BlobAsync(after.GetProperty("image"));
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, afterPng[..4]);
        Assert.NotEqual(beforePng, afterPng);

        // The other shot kept its picture.
        Assert.Equal(shots[1].GetProperty("image").GetProperty("path").GetString(), (await ShotsAsync(user, id))[1].GetProperty("image").GetProperty("path").GetString());
    }

    [Fact]
    public async Task Lines_are_recorded_with_their_durations_and_subtitles_round_trip_edit_and_reach_the_render()
    {
        var (user, id) = await ProjectWithStoryboardAsync();
        var other = await ApiClient.RegisterAsync(_client);
        await SendAsync(other, HttpMethod.Post, $"/api/v1/projects/{id}/audio/generate-dialogues", null, HttpStatusCode.NotFound, 10003);

        await CompletesAsync(user, await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/audio/generate-dialogues", null, HttpStatusCode.Accepted));
        var shots = await ShotsAsync(user, id);
        foreach (var shot in shots.EnumerateArray())
        {
            var seconds = shot.GetProperty("voice_seconds").GetDouble();
            Assert.InRange(seconds, 0.3, 10);
            Assert.True(shot.GetProperty("duration").GetDouble() >= seconds, $"the shot is shorter than its speech: {shot}");
            Assert.False(string.IsNullOrEmpty(shot.GetProperty("voice_provider").GetString()));
            var wav = await BlobAsync(shot.GetProperty("voice"));
            Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        }

        // Timed from the measured voices until someone edits them.
        var timed = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/subtitles", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.False(timed.GetProperty("edited").GetBoolean());
        var cues = timed.GetProperty("cues");
        Assert.Equal(2, cues.GetArrayLength());
        Assert.Equal("你好,我想跟你说一件事。", cues[0].GetProperty("text").GetString());
        Assert.Equal(Math.Max(shots[0].GetProperty("voice_seconds").GetDouble(), 1.0), cues[0].GetProperty("end").GetDouble() - cues[0].GetProperty("start").GetDouble(), 2);
        Assert.True(cues[1].GetProperty("start").GetDouble() >= shots[0].GetProperty("duration").GetDouble());

        var edited = new[]
        {
            new { start = 0.5, end = 2.25, text = "Hello, I have something to tell you.", speaker = "小明" },
            new { start = 3.0, end = 4.125, text = "What is it?", speaker = "小红" },
        };
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/subtitles", new { cues = edited }, HttpStatusCode.OK);

        var json = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/subtitles?format=json", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.True(json.GetProperty("edited").GetBoolean());
        Assert.Equal(edited.Select(c => (c.start, c.end, c.text)), json.GetProperty("cues").EnumerateArray()
            .Select(c => (c.GetProperty("start").GetDouble(), c.GetProperty("end").GetDouble(), c.GetProperty("text").GetString()!)));
        Assert.Equal(edited.Select(c => (c.start, c.end, c.text)), ReadCues(await TextAsync(user, $"/api/v1/projects/{id}/subtitles?format=srt", "application/x-subrip"), ','));
        var vtt = await TextAsync(user, $"/api/v1/projects/{id}/subtitles?format=vtt", "text/vtt");
        Assert.StartsWith("WEBVTT\n\n", vtt);
        Assert.Equal(edited.Select(c => (c.start, c.end, c.text)), ReadCues(vtt, '.'));
        // Each word after a cue's first carries its time inside the cue: 7 + 3 words.
        Assert.Equal(6 + 2, Regex.Count(vtt, @"<\d\d:\d\d:\d\d\.\d\d\d>"));

        // One cue edited; the rules hold for edits too.
        var cueId = json.GetProperty("cues")[1].GetProperty("id").GetString()!;
        var patched = (await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/subtitles/{cueId}", new { text = "What happened?", end = 4.5 }, HttpStatusCode.OK))
            .GetProperty("data").GetProperty("cues")[1];
        // New words are spread over the whole cue by how long each takes to say: "happened?" is two syllables and a pause to "What"'s one.
        var words = Words(patched);
        Assert.Equal(["What", "happened?"], words.Select(w => w.Text));
        Assert.Equal((3.0, 4.5), (words[0].Start, words[1].End));
        Assert.Equal(words[0].End, words[1].Start);
        Assert.True(words[1].End - words[1].Start > 2 * (words[0].End - words[0].Start), string.Join(", ", words));
        Assert.False(patched.GetProperty("words_from_speech").GetBoolean());
        var overlap = await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/subtitles/{cueId}", new { start = 2.0 }, HttpStatusCode.BadRequest, 10002);
        Assert.Equal("start", overlap.GetProperty("error").GetProperty("field").GetString());
        await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/subtitles/{cueId}", new { end = 2.9 }, HttpStatusCode.BadRequest, 10002);
        await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/subtitles/cue-404", new { text = "x" }, HttpStatusCode.NotFound, 10003);
        await SendAsync(other, HttpMethod.Patch, $"/api/v1/projects/{id}/subtitles/{cueId}", new { text = "mine now" }, HttpStatusCode.NotFound, 10003);
        await SendAsync(other, HttpMethod.Get, $"/api/v1/projects/{id}/subtitles", null, HttpStatusCode.NotFound, 10003);
        await SendAsync(other, HttpMethod.Post, $"/api/v1/projects/{id}/subtitles", new { cues = edited }, HttpStatusCode.NotFound, 10003);

        // Replacements are checked whole: order, overlap, bounds and required fields, each naming the cue.
        foreach (var (cuesBody, field) in new (object, string)[]
        {
            (new[] { new { start = 2.0, end = 3.0, text = "b" }, new { start = 1.0, end = 1.5, text = "a" } }, "cues[1].start"),
            (new[] { new { start = 0.0, end = 2.0, text = "a" }, new { start = 1.0, end = 3.0, text = "b" } }, "cues[1].start"),
            (new[] { new { start = 1.0, end = 1.0, text = "a" } }, "cues[0].end"),
            (new[] { new { start = -1.0, end = 1.0, text = "a" } }, "cues[0].start"),
            (new[] { new { start = 0.0, end = 1.0, text = new string('字', 501) } }, "cues[0].text"),
            (new[] { new { start = 0.0, end = 1.0, text = " " } }, "cues[0].text"),
            (new[] { new { start = 0.0, end = 1.0 } }, "cues[0]"),
            (Enumerable.Range(0, 1001).Select(i => new { start = i * 1.0, end = i + 0.5, text = "x" }).ToArray(), "cues"),
        })
        {
            var refused = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/subtitles", new { cues = cuesBody }, HttpStatusCode.BadRequest, 10002);
            Assert.Equal(field, refused.GetProperty("error").GetProperty("field").GetString());
        }

        await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/subtitles?format=ass", null, HttpStatusCode.BadRequest, 10002);

        // The render burns in the edited cues, not the ones timed from the speech.
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/render/preview", null, HttpStatusCode.Accepted);
        var job = await WaitForRenderJobAsync(id);
        Assert.Equal(
            [(0.5, 2.25, "Hello, I have something to tell you."), (3.0, 4.5, "What happened?")],
            job.Subtitles.Select(c => (c.Start, c.End, c.Text)));
    }

    [Fact]
    public async Task Shot_work_needs_a_storyboard_first_and_subtitles_need_one_to_be_timed_from()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Empty", script = ProjectsApiTests.Script }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;

        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate-images", null, HttpStatusCode.Conflict, 10002);
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/audio/generate-dialogues", null, HttpStatusCode.Conflict, 10002);
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/shot-001/regenerate", null, HttpStatusCode.Conflict, 10002);
        await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/subtitles", null, HttpStatusCode.Conflict, 10002);
        await SendAsync(user, HttpMethod.Get, "/api/v1/projects/prj_doesnotexist/subtitles", null, HttpStatusCode.NotFound, 10003);
    }

    [Theory]
    [InlineData("product_launch.en.txt", true)]
    [InlineData("confession.zh.txt", false)]
    public async Task Subtitle_words_of_a_sample_script_lie_inside_their_cues_in_order(string sample, bool english)
    {
        var user = await ApiClient.RegisterAsync(_client);
        var script = await File.ReadAllTextAsync(Serverless.Testing.SourceTree.File("samples", sample));
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Words", script }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;
        await CompletesAsync(user, await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Accepted));
        await CompletesAsync(user, await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/audio/generate-dialogues", null, HttpStatusCode.Accepted));

        var cues = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/subtitles?format=json", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("cues");
        Assert.True(cues.GetArrayLength() >= 5);
        foreach (var cue in cues.EnumerateArray())
        {
            var (start, end, text) = (cue.GetProperty("start").GetDouble(), cue.GetProperty("end").GetDouble(), cue.GetProperty("text").GetString()!);
            var words = Words(cue);
            Assert.NotEmpty(words);
            var floor = start;
            foreach (var word in words)
            {
                Assert.True(word.Start >= floor - 0.001 && word.End >= word.Start && word.End <= end + 0.001, $"{word} out of place in [{start}, {end}] \"{text}\"");
                floor = word.End;
            }

            // Every character of the line is in exactly one word, in order.
            Assert.Equal(string.Concat(text.Where(c => !char.IsWhiteSpace(c))), string.Concat(words.Select(w => w.Text)));

            // English lines are festival's, timed by its word boundaries; Mandarin ones are spread until a render hears them.
            Assert.Equal(english, cue.GetProperty("words_from_speech").GetBoolean());
        }
    }

    private static List<(string Text, double Start, double End)> Words(JsonElement cue) =>
        cue.GetProperty("words").EnumerateArray()
            .Select(w => (w.GetProperty("text").GetString()!, w.GetProperty("start").GetDouble(), w.GetProperty("end").GetDouble()))
            .ToList();

    /// <summary>Start, end and text of each cue of an SRT or WebVTT file, read independently of the writer (WebVTT word timestamps left out).</summary>
    private static List<(double Start, double End, string Text)> ReadCues(string file, char decimalMark)
    {
        var mark = Regex.Escape(decimalMark.ToString());
        var time = $@"(\d\d):(\d\d):(\d\d){mark}(\d\d\d)";
        return Regex.Matches(file, $@"{time} --> {time}\n(.+)\n")
            .Select(m => (Seconds(m, 1), Seconds(m, 5), Regex.Replace(m.Groups[9].Value, @"<\d\d:\d\d:\d\d\.\d\d\d>", "")))
            .ToList();

        static double Seconds(Match m, int first) =>
            (int.Parse(m.Groups[first].Value, CultureInfo.InvariantCulture) * 3600)
            + (int.Parse(m.Groups[first + 1].Value, CultureInfo.InvariantCulture) * 60)
            + int.Parse(m.Groups[first + 2].Value, CultureInfo.InvariantCulture)
            + (int.Parse(m.Groups[first + 3].Value, CultureInfo.InvariantCulture) / 1000.0);
    }

}
