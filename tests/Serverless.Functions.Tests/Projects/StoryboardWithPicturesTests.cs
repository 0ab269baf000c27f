using System.Net;
using System.Text.Json;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Projects;

/// <summary>
/// <c>POST .../storyboard/generate</c> with <c>draw_images</c> over real HTTP on the running engine: one task plans the
/// storyboard and then draws every shot onto it, billed as a plan plus a picture per shot; without it, only the plan.
/// </summary>
public sealed class StoryboardWithPicturesTests(ProjectsAppFactory app) : IClassFixture<ProjectsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    private ProjectsClient Api => new(_client, app.RenderQueue);

    private Task<JsonElement> SendAsync(TestUser user, HttpMethod method, string path, object? body, HttpStatusCode status, int code = 0) =>
        Api.SendAsync(user, method, path, body, status, code);

    private async Task<int> UnitsAsync(TestUser user) =>
        (await SendAsync(user, HttpMethod.Get, "/api/v1/users/me", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("quota").GetProperty("units_this_month").GetInt32();

    [Fact]
    public async Task One_task_plans_the_storyboard_and_draws_every_shot_onto_it()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var id = (await SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Plan and draw", script = ProjectsApiTests.Script }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;

        // A malformed option is refused with its field before anything starts or is charged.
        var refused = await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", new { draw_images = "yes" }, HttpStatusCode.BadRequest, 10002);
        Assert.Equal(0, await UnitsAsync(user));
        Assert.Equal("draw_images", refused.GetProperty("error").GetProperty("field").GetString());

        // Without the option only the plan is made: no picture, one unit.
        await Api.CompletesAsync(user, ProjectsClient.TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Accepted)));
        Assert.All((await Api.ShotsAsync(user, id)).EnumerateArray(), shot => Assert.False(shot.TryGetProperty("image", out var image) && image.ValueKind != JsonValueKind.Null));
        Assert.Equal(1, await UnitsAsync(user));

        var taskId = ProjectsClient.TaskIdOf(await SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", new { draw_images = true }, HttpStatusCode.Accepted));
        await Api.CompletesAsync(user, taskId);

        var shots = await Api.ShotsAsync(user, id);
        Assert.Equal(2, shots.GetArrayLength());
        foreach (var shot in shots.EnumerateArray())
        {
            // Drawn by the storyboard's own task, under its id, and written onto the saved shot.
            var image = shot.GetProperty("image");
            Assert.StartsWith($"{user.UserId}/{id}/{taskId}/shots/", image.GetProperty("path").GetString());
            Assert.Equal("offline", shot.GetProperty("image_provider").GetString());
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, (await ProjectsClient.BlobAsync(image))[..4]);
        }

        // The plan's unit and one per shot drawn; the project's history holds the two storyboard tasks and nothing else.
        Assert.Equal(1 + 1 + 2, await UnitsAsync(user));
        var history = (await SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/tasks", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(2, (history.ValueKind == JsonValueKind.Array ? history : history.GetProperty("items")).GetArrayLength());
    }
}
