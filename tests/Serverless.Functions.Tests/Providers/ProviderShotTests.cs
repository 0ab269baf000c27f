using System.Net;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Projects;

namespace Serverless.Functions.Tests.Providers;

/// <summary>On the running engine: a storyboard's shots go to the user's providers by priority, and each shot says who was passed over.</summary>
public sealed class ProviderShotTests(ProjectsAppFactory app) : IClassFixture<ProjectsAppFactory>, IAsyncLifetime
{
    private readonly HttpClient _client = app.CreateClient();
    private OpenAIWireServer _failing = null!;
    private OpenAIWireServer _healthy = null!;

    private ProjectsClient Api => new(_client, app.RenderQueue);

    public async Task InitializeAsync()
    {
        _failing = await OpenAIWireServer.StartAsync();
        _failing.ImageStatus = 500;
        _healthy = await OpenAIWireServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _failing.DisposeAsync();
        await _healthy.DisposeAsync();
    }

    private async Task<string> AddProviderAsync(TestUser user, OpenAIWireServer server, int priority) =>
        (await Api.SendAsync(user, HttpMethod.Post, "/api/v1/providers", new
        {
            kind = "openai-compatible",
            name = $"local {priority}",
            base_url = server.BaseUrl,
            api_key = "sk-shots-" + Guid.NewGuid().ToString("N"),
            models = new { image = new[] { "gpt-image-1" } },
            priority,
            prices = new { image = 0.04m },
        }, HttpStatusCode.Created)).GetProperty("data").GetProperty("provider_id").GetString()!;

    [Fact]
    public async Task A_failing_first_provider_passes_every_shot_to_the_next_and_each_shot_says_why()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var second = await AddProviderAsync(user, _healthy, priority: 2);
        var first = await AddProviderAsync(user, _failing, priority: 1);
        var id = (await Api.SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Routed", script = ProjectsApiTests.Script }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;
        await Api.CompletesAsync(user, ProjectsClient.TaskIdOf(await Api.SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate", null, HttpStatusCode.Accepted)));

        await Api.CompletesAsync(user, ProjectsClient.TaskIdOf(await Api.SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{id}/storyboard/generate-images", null, HttpStatusCode.Accepted)));

        var shots = (await Api.SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{id}/storyboard", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("shots");
        Assert.Equal(2, shots.GetArrayLength());
        foreach (var shot in shots.EnumerateArray())
        {
            Assert.Equal(second, shot.GetProperty("image_provider").GetString());
            var passed = Assert.Single(shot.GetProperty("image_passed_over").EnumerateArray());
            Assert.Equal(first, passed.GetProperty("provider").GetString());
            Assert.Equal("HTTP 500", passed.GetProperty("reason").GetString());
        }

        Assert.Equal(2, _healthy.Requests.Count);
        Assert.All(_failing.Requests, r => Assert.Equal("/v1/images/generations", r.Path));
        Assert.NotEmpty(_failing.Requests);
    }
}
