using System.Net;
using System.Text.Json;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Projects;

/// <summary>
/// Scene settings and character looks over real HTTP on the running engine: resolved from the script, shown on the
/// storyboard and the character list, corrected with PATCH (bounded, refused with the field), and followed by the
/// next drawing.
/// </summary>
public sealed class SettingsAndLooksApiTests(ProjectsAppFactory app) : IClassFixture<ProjectsAppFactory>
{
    private const string Script = """
        INT. HOSPITAL WARD - NIGHT

        NURSE OKAFOR, a woman in her fifties, checks on MR. HARRIS.

        MR. HARRIS, a man in his eighties, opens his eyes.

        MR. HARRIS
        Is it morning yet?

        EXT. TRAIN STATION - MORNING

        NURSE OKAFOR waits with her umbrella.

        NURSE OKAFOR
        Finally, the train.
        """;

    private readonly HttpClient _client = app.CreateClient();

    private ProjectsClient Api => new(_client, app.RenderQueue);

    private Task<JsonElement> SendAsync(TestUser user, HttpMethod method, string path, object? body, HttpStatusCode status, int code = 0) =>
        Api.SendAsync(user, method, path, body, status, code);

    private Task<JsonElement> ShotsAsync(TestUser user, string projectId) => Api.ShotsAsync(user, projectId);

    private static Task<byte[]> BlobAsync(JsonElement blob) => ProjectsClient.BlobAsync(blob);

    [Fact]
    public async Task Settings_and_looks_are_shown_edited_within_bounds_and_redrawn()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Looks", script = Script }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;
        await Api.CompletesAsync(user, ProjectsClient.TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Accepted)));

        var shots = await ShotsAsync(user, id);
        var ward = shots[0].GetProperty("setting");
        Assert.Equal(("hospital", true, "night"), (ward.GetProperty("kind").GetString(), ward.GetProperty("interior").GetBoolean(), ward.GetProperty("time_of_day").GetString()));
        var station = shots.EnumerateArray().Last().GetProperty("setting");
        Assert.Equal(("station", false, "morning"), (station.GetProperty("kind").GetString(), station.GetProperty("interior").GetBoolean(), station.GetProperty("time_of_day").GetString()));

        var characters = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items");
        var nurse = characters.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "NURSE OKAFOR");
        var harris = characters.EnumerateArray().Single(c => c.GetProperty("name").GetString() == "MR. HARRIS");
        Assert.Equal(("female", "adult"), (nurse.GetProperty("look").GetProperty("gender").GetString(), nurse.GetProperty("look").GetProperty("age").GetString()));
        Assert.Equal(("male", "senior"), (harris.GetProperty("look").GetProperty("gender").GetString(), harris.GetProperty("look").GetProperty("age").GetString()));
        Assert.Contains("umbrella", nurse.GetProperty("look").GetProperty("props").EnumerateArray().Select(p => p.GetString()));

        await Api.CompletesAsync(user, ProjectsClient.TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate-images", null, HttpStatusCode.Accepted)));
        var drawn = await ShotsAsync(user, id);
        var lastShot = drawn.EnumerateArray().Last();
        var stationPng = await BlobAsync(lastShot.GetProperty("image"));

        // A scene's setting: bounded and refused with the field, then applied to every shot of the scene, whose pictures go.
        await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/shots/shot-001", new { setting = new { kind = "volcano" } }, HttpStatusCode.BadRequest, 10002);
        var empty = await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/shots/shot-001", new { setting = new { } }, HttpStatusCode.BadRequest, 10002);
        Assert.Equal("setting", empty.GetProperty("error").GetProperty("field").GetString());
        var edited = (await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/shots/shot-001", new { setting = new { time_of_day = "day" } }, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal("day", edited.GetProperty("setting").GetProperty("time_of_day").GetString());
        var after = await ShotsAsync(user, id);
        foreach (var shot in after.EnumerateArray())
        {
            var inWard = shot.GetProperty("scene_id").GetString() == "scene-1";
            Assert.Equal(inWard ? "day" : "morning", shot.GetProperty("setting").GetProperty("time_of_day").GetString());
            Assert.Equal(inWard, !HasPicture(shot));
            Assert.Contains(inWard ? "hospital ward, interior, by day" : "train or subway station", shot.GetProperty("image_prompt").GetString());
        }

        // A character's look: bounded and refused with the field, then what the next drawing of their shots follows.
        var nurseId = nurse.GetProperty("id").GetString();
        var badColour = await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{nurseId}", new { look = new { palette = new { clothing = "red" } } }, HttpStatusCode.BadRequest, 10002);
        Assert.Equal("look", badColour.GetProperty("error").GetProperty("field").GetString());
        await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{nurseId}", new { look = new { props = new[] { "sword" } } }, HttpStatusCode.BadRequest, 10002);
        await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{nurseId}", new { look = new { age = "ancient" } }, HttpStatusCode.BadRequest, 10002);
        var look = (await SendAsync(user, HttpMethod.Patch, $"/api/v1/projects/{id}/characters/{nurseId}",
            new { look = new { age = "senior", palette = new { clothing = "#1E90FF" }, props = new[] { "raincoat", "red bag" } } }, HttpStatusCode.OK)).GetProperty("data").GetProperty("look");
        Assert.Equal(("female", "senior", "#1e90ff"), (look.GetProperty("gender").GetString(), look.GetProperty("age").GetString(), look.GetProperty("palette").GetProperty("clothing").GetString()));
        Assert.All(await NurseShotsAsync(), shot => Assert.False(HasPicture(shot), $"{shot.GetProperty("id")} kept the old look's picture"));

        var lastShotId = lastShot.GetProperty("id").GetString();
        Assert.Contains(lastShotId, (await NurseShotsAsync()).Select(s => s.GetProperty("id").GetString()));
        await RedrawLastShotAsync();
        var redrawn = (await ShotsAsync(user, id)).EnumerateArray().Last();
        Assert.NotEqual(stationPng, await BlobAsync(redrawn.GetProperty("image")));

        // The attributes and the colour are drawn too: changing them drops the pictures, saving them unchanged does not.
        var nursePath = $"/api/v1/projects/{id}/characters/{nurseId}";
        await SendAsync(user, HttpMethod.Patch, nursePath, new { color = "#AA3355" }, HttpStatusCode.OK);
        Assert.All(await NurseShotsAsync(), shot => Assert.False(HasPicture(shot), $"{shot.GetProperty("id")} kept the old colour's picture"));
        await RedrawLastShotAsync();
        await SendAsync(user, HttpMethod.Patch, nursePath, new { color = "#aa3355", appearance = "" }, HttpStatusCode.OK);
        Assert.True(HasPicture((await ShotsAsync(user, id)).EnumerateArray().Last()), "an edit that changes nothing drawn dropped the picture");
        await SendAsync(user, HttpMethod.Patch, nursePath, new { attributes = new[] { "nurse", "in her sixties" } }, HttpStatusCode.OK);
        Assert.All(await NurseShotsAsync(), shot => Assert.False(HasPicture(shot), $"{shot.GetProperty("id")} kept the old attributes' picture"));

        // A re-planned storyboard keeps the edited look.
        await Api.CompletesAsync(user, ProjectsClient.TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Accepted)));
        var again = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/characters", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("items")
            .EnumerateArray().Single(c => c.GetProperty("id").GetString() == nurseId);
        Assert.Equal("senior", again.GetProperty("look").GetProperty("age").GetString());
        Assert.True(again.GetProperty("look_edited").GetBoolean());

        async Task<List<JsonElement>> NurseShotsAsync() => (await ShotsAsync(user, id)).EnumerateArray()
            .Where(s => s.GetProperty("characters_in_frame").EnumerateArray().Any(c => c.GetString() == "NURSE OKAFOR")).ToList();

        async Task RedrawLastShotAsync() => await Api.CompletesAsync(user, ProjectsClient.TaskIdOf(
            await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/shots/{lastShotId}/regenerate", null, HttpStatusCode.Accepted)));
    }

    private static bool HasPicture(JsonElement shot) => shot.TryGetProperty("image", out var image) && image.ValueKind != JsonValueKind.Null;
}
