using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Projects;

/// <summary>Projects, scripts, characters, storyboards and assets over real HTTP on the local stack; every id is checked against its owner.</summary>
public sealed class ProjectsApiTests(ProjectsAppFactory app) : IClassFixture<ProjectsAppFactory>
{
    internal const string Script = """
        场景:现代都市街道,傍晚
        角色:小明(男,学生),小红(女,学生)
        小明(紧张): 你好,我想跟你说一件事。
        小红: 什么事?
        """;

    private readonly HttpClient _client = app.CreateClient();

    private async Task<JsonElement> SendAsync(TestUser user, HttpMethod method, string path, object? body, HttpStatusCode status, int code = 0) =>
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(method, path, user.AccessToken, body)), status, code);

    private async Task<string> CreateProjectAsync(TestUser user, object? body = null)
    {
        var created = await SendAsync(user, HttpMethod.Post, "/api/v1/projects", body ?? new { name = "Confession", style = "comic", script = Script }, HttpStatusCode.Created);
        return created.GetProperty("data").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Projects_are_created_read_edited_listed_a_page_at_a_time_and_deleted()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await CreateProjectAsync(user, new { name = $"Project {i}", target_duration = 30, approval_required = i == 0 }));
        }

        var project = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{ids[0]}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(("Project 0", "anime", "9:16", true, false), (project.GetProperty("name").GetString(), project.GetProperty("style").GetString(),
            project.GetProperty("aspect_ratio").GetString(), project.GetProperty("approval_required").GetBoolean(), project.GetProperty("has_script").GetBoolean()));

        var edited = (await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{ids[0]}", new { name = "Renamed", aspect_ratio = "16:9" }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(("Renamed", "16:9", 30.0), (edited.GetProperty("name").GetString(), edited.GetProperty("aspect_ratio").GetString(), edited.GetProperty("target_duration").GetDouble()));

        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var data = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects?page={page}&page_size=2", null, HttpStatusCode.OK)).GetProperty("data");
            Assert.Equal((5, 3, page, 2), (data.GetProperty("total").GetInt32(), data.GetProperty("total_pages").GetInt32(), data.GetProperty("page").GetInt32(), data.GetProperty("page_size").GetInt32()));
            seen.AddRange(data.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!));
        }

        // Newest first, every project exactly once.
        Assert.Equal(Enumerable.Reverse(ids), seen);

        await SendAsync(user, HttpMethod.Delete, $"/api/v1/projects/{ids[1]}", null, HttpStatusCode.OK);
        await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{ids[1]}", null, HttpStatusCode.NotFound, 10003);
        var after = (await SendAsync(user, HttpMethod.Get, "/api/v1/projects", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(4, after.GetProperty("total").GetInt32());
    }

    [Theory]
    [InlineData("?page=0", "page")]
    [InlineData("?page=abc", "page")]
    [InlineData("?page_size=101", "page_size")]
    [InlineData("?page_size=0", "page_size")]
    public async Task Bad_pagination_names_the_parameter(string query, string field)
    {
        var user = await ApiClient.RegisterAsync(_client);
        var body = await SendAsync(user, HttpMethod.Get, "/api/v1/projects" + query, null, HttpStatusCode.BadRequest, 10002);
        Assert.Equal(field, body.GetProperty("error").GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("{}", "name")]
    [InlineData("{\"name\":\"x\",\"style\":\"oil\"}", "style")]
    [InlineData("{\"name\":\"x\",\"aspect_ratio\":\"4:3\"}", "aspect_ratio")]
    [InlineData("{\"name\":\"x\",\"target_duration\":1}", "target_duration")]
    [InlineData("{\"name\":\"x\",\"seed\":\"many\"}", "seed")]
    public async Task Invalid_projects_are_refused_with_the_field(string json, string field)
    {
        var user = await ApiClient.RegisterAsync(_client);
        var request = ApiClient.Bearer(HttpMethod.Post, "/api/v1/projects", user.AccessToken);
        request.Content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        var body = await ApiClient.ExpectAsync(await _client.SendAsync(request), HttpStatusCode.BadRequest, 10002);
        Assert.Equal(field, body.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task The_script_is_written_parsed_and_its_characters_form_the_bible()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = await CreateProjectAsync(user, new { name = "Script" });
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/script/parse", null, HttpStatusCode.Conflict, 10002);

        var written = (await SendAsync(user, HttpMethod.Put, $"/api/v1/projects/{id}/script", new { content = Script }, HttpStatusCode.OK)).GetProperty("data");
        Assert.True(written.GetProperty("has_script").GetBoolean());
        await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/script/parsed", null, HttpStatusCode.NotFound, 10003);

        var parsed = (await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/script/parse", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(2, parsed.GetProperty("metadata").GetProperty("total_shots").GetInt32());
        var stored = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/script/parsed", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("你好,我想跟你说一件事。", stored.GetProperty("scenes")[0].GetProperty("shots")[0].GetProperty("text").GetString());

        var characters = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items");
        Assert.Equal(["小明", "小红"], characters.EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["男", "学生"], characters[0].GetProperty("attributes").EnumerateArray().Select(a => a.GetString()));

        // Something that is not a screenplay answers 400 with the parser's reason.
        await SendAsync(user, HttpMethod.Put, $"/api/v1/projects/{id}/script", new { content = "   \n\n  " }, HttpStatusCode.BadRequest, 10002);
        await SendAsync(user, HttpMethod.Put, $"/api/v1/projects/{id}/script", new { content = "!!!" }, HttpStatusCode.OK);
        var refused = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/script/parse", null, HttpStatusCode.BadRequest, 10002);
        Assert.Equal("script", refused.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Characters_are_added_edited_and_removed_and_bad_edits_name_the_field()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = await CreateProjectAsync(user);

        var added = (await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/characters",
            new { name = "老王", attributes = new[] { "男", "老人" }, appearance = "white beard", voice_id = "m3", color = "#AA3300" }, HttpStatusCode.Created)).GetProperty("data");
        var characterId = added.GetProperty("id").GetString()!;
        Assert.Equal(("#aa3300", "m3", "white beard"), (added.GetProperty("color").GetString(), added.GetProperty("voice_id").GetString(), added.GetProperty("appearance").GetString()));

        var edited = (await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{characterId}",
            new { voice_id = "shimmer", appearance = "" }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("shimmer", edited.GetProperty("voice_id").GetString());
        Assert.Equal(JsonValueKind.Null, edited.GetProperty("appearance").ValueKind);
        Assert.Equal("#aa3300", edited.GetProperty("color").GetString());

        foreach (var (body, field) in new (object, string)[]
        {
            (new { color = "blue" }, "color"),
            (new { voice_id = "nobody" }, "voice_id"),
            (new { name = new string('x', 41) }, "name"),
            (new { appearance = new string('x', 501) }, "appearance"),
            (new { reference_image_asset_id = "ast_0000000000000000" }, "reference_image_asset_id"),
        })
        {
            var refused = await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{characterId}", body, HttpStatusCode.BadRequest, 10002);
            Assert.Equal(field, refused.GetProperty("error").GetProperty("field").GetString());
        }

        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/characters", new { name = "老王" }, HttpStatusCode.BadRequest, 10002);
        await SendAsync(user, HttpMethod.Delete, $"/api/v1/projects/{id}/characters/{characterId}", null, HttpStatusCode.OK);
        await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{characterId}", new { color = "#000000" }, HttpStatusCode.NotFound, 10003);
    }

    [Fact]
    public async Task An_uploaded_asset_becomes_a_characters_reference_image()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = await CreateProjectAsync(user);
        var png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

        var upload = (await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/assets/upload-url",
            new { file_name = "ming.png", content_type = "image/png", size_bytes = png.Length }, HttpStatusCode.OK)).GetProperty("data");
        var assetId = upload.GetProperty("asset_id").GetString()!;
        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/assets/{assetId}/complete", null, HttpStatusCode.Conflict, 10002);

        using (var storage = new HttpClient())
        {
            var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("upload_url").GetString()) { Content = new ByteArrayContent(png) };
            put.Headers.Add("x-ms-blob-type", "BlockBlob");
            Assert.Equal(HttpStatusCode.Created, (await storage.SendAsync(put)).StatusCode);
        }

        var ready = (await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/assets/{assetId}/complete", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(("ready", png.Length), (ready.GetProperty("status").GetString(), ready.GetProperty("size_bytes").GetInt32()));
        var listed = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/assets", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(assetId, listed.GetProperty("items")[0].GetProperty("asset_id").GetString());

        var character = (await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/characters",
            new { name = "小明", reference_image_asset_id = assetId }, HttpStatusCode.Created)).GetProperty("data");
        Assert.Equal(assetId, character.GetProperty("reference_image_asset_id").GetString());

        await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/assets/upload-url",
            new { file_name = "x.exe", content_type = "application/x-msdownload", size_bytes = 10 }, HttpStatusCode.BadRequest, 10002);
        await SendAsync(user, HttpMethod.Delete, $"/api/v1/projects/{id}/assets/{assetId}", null, HttpStatusCode.OK);
        Assert.Equal(0, (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/assets", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task Another_users_project_and_everything_in_it_answer_404()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var other = await ApiClient.RegisterAsync(_client);
        var id = await CreateProjectAsync(owner);
        var characterId = (await SendAsync(owner, HttpMethod.Post, $"/api/v1/projects/{id}/characters", new { name = "小明" }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString();
        var assetId = (await SendAsync(owner, HttpMethod.Post, $"/api/v1/projects/{id}/assets/upload-url",
            new { file_name = "a.png", content_type = "image/png", size_bytes = 10 }, HttpStatusCode.OK)).GetProperty("data").GetProperty("asset_id").GetString();

        var attempts = new (HttpMethod Method, string Path, object? Body)[]
        {
            (HttpMethod.Get, $"/api/v1/projects/{id}", null),
            (HttpMethod.Patch, $"/api/v1/projects/{id}", new { name = "mine now" }),
            (HttpMethod.Delete, $"/api/v1/projects/{id}", null),
            (HttpMethod.Put, $"/api/v1/projects/{id}/script", new { content = Script }),
            (HttpMethod.Post, $"/api/v1/projects/{id}/script/parse", null),
            (HttpMethod.Get, $"/api/v1/projects/{id}/script/parsed", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/approve", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/render/preview", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/render/final", new { resolution = "720p" }),
            (HttpMethod.Get, $"/api/v1/projects/{id}/characters", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/characters", new { name = "小红" }),
            (HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{characterId}", new { color = "#000000" }),
            (HttpMethod.Delete, $"/api/v1/projects/{id}/characters/{characterId}", null),
            (HttpMethod.Get, $"/api/v1/projects/{id}/assets", null),
            (HttpMethod.Post, $"/api/v1/projects/{id}/assets/upload-url", new { file_name = "b.png", content_type = "image/png", size_bytes = 10 }),
            (HttpMethod.Post, $"/api/v1/projects/{id}/assets/{assetId}/complete", null),
            (HttpMethod.Delete, $"/api/v1/projects/{id}/assets/{assetId}", null),
        };
        foreach (var (method, path, body) in attempts)
        {
            var response = await _client.SendAsync(ApiClient.Bearer(method, path, other.AccessToken, body));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path} answered {(int)response.StatusCode} to another user");
        }

        // Nothing the other user tried changed the owner's project.
        var project = (await SendAsync(owner, HttpMethod.Get, $"/api/v1/projects/{id}", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("Confession", project.GetProperty("name").GetString());
        var characters = (await SendAsync(owner, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(1, characters.GetProperty("total").GetInt32());
        Assert.Equal(0, (await SendAsync(other, HttpMethod.Get, "/api/v1/projects", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("total").GetInt32());
    }
}
