using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Tasks;

namespace Serverless.Functions.Tests.Security;

/// <summary>Ten minutes for anyone, four on the free plan, and each platform's own ceiling.</summary>
public sealed class DurationLimitsAppFactory : SecurityAppFactory
{
    public const int FreePlanSeconds = 240;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Limits:MaxDurationSeconds", "600");
        builder.UseSetting("Accounts:Plans:free:MaxDurationSeconds", FreePlanSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

/// <summary>Asking for more video than the plan or the platform allows: 400 naming the limit, and nothing stored or started.</summary>
public sealed class DurationLimitAttackTests(DurationLimitsAppFactory app) : IClassFixture<DurationLimitsAppFactory>
{
    private const string Script = "Scene: Kitchen, morning\nCharacters: Mia (female, barista)\nMia: Good morning.";

    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData(300, null, "of the free plan")]
    [InlineData(200, "youtube-shorts", "of youtube-shorts")]
    public async Task A_video_longer_than_the_plan_or_platform_allows_answers_400_naming_the_limit(int seconds, string? platform, string limit)
    {
        var user = await ApiClient.RegisterAsync(_client);

        var refused = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script, target_duration = seconds, platform_preset = platform })),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);

        var error = refused.GetProperty("error");
        Assert.Equal("target_duration", error.GetProperty("field").GetString());
        Assert.Contains(limit, error.GetProperty("reason").GetString(), StringComparison.Ordinal);
        await AssertNothingStoredAsync(user);

        // The same length on a platform that takes it, within the plan, starts.
        await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script, target_duration = 200, platform_preset = "tiktok" })),
            HttpStatusCode.Accepted, 0);
    }

    [Fact]
    public async Task A_project_render_for_a_platform_shorter_than_its_target_answers_400_before_any_task()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var created = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/projects", user.AccessToken, new { name = "Long", style = "comic", script = Script, target_duration = 200 })),
            HttpStatusCode.Created, 0);
        var projectId = created.GetProperty("data").GetProperty("id").GetString()!;

        var refused = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/projects/{projectId}/render/final", user.AccessToken, new { platform_preset = "youtube-shorts" })),
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);

        Assert.Contains("of youtube-shorts", refused.GetProperty("error").GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Empty(await app.Services.GetRequiredService<VideoTaskStore>().ListByProjectAsync(user.UserId, projectId));
        var me = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(0, me.GetProperty("data").GetProperty("quota").GetProperty("videos_this_month").GetInt32());
    }

    private async Task AssertNothingStoredAsync(TestUser user)
    {
        var me = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(0, me.GetProperty("data").GetProperty("quota").GetProperty("videos_this_month").GetInt32());
        var projects = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/projects", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(0, projects.GetProperty("data").GetProperty("total").GetInt32());
    }
}
