using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Serverless.Studio.Web.Tests;

/// <summary>GET /api/v1/projects/{id}/shots/{shot}/image: a signed link to the owner's picture, 404 for anyone else.</summary>
[Collection(StudioWebCollection.Name)]
public sealed class ShotPictureTests(StudioWebStack stack)
{
    [Fact]
    public async Task The_owner_gets_a_link_to_a_drawn_picture_and_another_user_gets_404()
    {
        using var http = new HttpClient { BaseAddress = stack.BaseUrl };
        var owner = await TokenAsync(http, "painter");
        var other = await TokenAsync(http, "stranger");
        var project = (await StudioApiCalls.SendAsync(http, owner, HttpMethod.Post, "/api/v1/projects", new Dictionary<string, object>
        {
            ["name"] = "Pictures",
            ["script"] = "Narrator: The lighthouse keeper climbs the stairs.\nMia (calm): The lamp is lit.",
        })).GetProperty("id").GetString();

        var before = await StudioApiCalls.RawAsync(http, owner, $"/api/v1/projects/{project}/shots/shot-001/image");
        Assert.Equal(HttpStatusCode.NotFound, before.StatusCode);

        await RunAsync(http, owner, $"/api/v1/projects/{project}/storyboard/generate");
        await RunAsync(http, owner, $"/api/v1/projects/{project}/storyboard/generate-images");
        var shot = (await StudioApiCalls.SendAsync(http, owner, HttpMethod.Get, $"/api/v1/projects/{project}/storyboard")).GetProperty("shots")[0].GetProperty("id").GetString();

        var link = await StudioApiCalls.SendAsync(http, owner, HttpMethod.Get, $"/api/v1/projects/{project}/shots/{shot}/image");
        Assert.Equal(shot, link.GetProperty("shot_id").GetString());
        Assert.True(link.GetProperty("expires_at").GetDateTimeOffset() > DateTimeOffset.UtcNow);
        using var picture = await http.GetAsync(link.GetProperty("url").GetString());
        picture.EnsureSuccessStatusCode();
        var bytes = await picture.Content.ReadAsByteArrayAsync();
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);

        using var refused = await StudioApiCalls.RawAsync(http, other, $"/api/v1/projects/{project}/shots/{shot}/image");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var envelope = await refused.Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(0, envelope.GetProperty("code").GetInt32());
    }

    private static async Task<string> TokenAsync(HttpClient http, string who)
    {
        using var answer = await http.PostAsJsonAsync("/api/v1/auth/register", new Dictionary<string, string>
        {
            ["email"] = $"{who}-{Guid.NewGuid():N}@example.com",
            ["password"] = "correct-horse-battery-9",
            ["username"] = who,
        });
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("access_token").GetString()!;
    }

    /// <summary>Starts a task and waits (60 s at most) for it to complete.</summary>
    private static async Task RunAsync(HttpClient http, string token, string path)
    {
        var task = (await StudioApiCalls.SendAsync(http, token, HttpMethod.Post, path)).GetProperty("task_id").GetString();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var status = (await StudioApiCalls.SendAsync(http, token, HttpMethod.Get, $"/api/v1/tasks/{task}")).GetProperty("status").GetString();
            if (status == "completed")
            {
                return;
            }

            Assert.True(status is "queued" or "running", $"{path}: task {task} is {status}");
            await Task.Delay(200);
        }

        throw new TimeoutException($"{path}: task {task} did not complete within 60 s.");
    }
}
