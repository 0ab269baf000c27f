using System.Net;
using System.Net.Http.Json;
using Serverless.Studio.Pipeline;

namespace Serverless.Functions.Tests.Accounts;

/// <summary>Plan quotas on starting videos, roles, and that one user never reaches another's resources.</summary>
public sealed class QuotaAndAccessTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    private const string Script = "Scene: Kitchen, morning\nCharacters: Mia (female, barista)\nMia: Good morning.";

    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task The_free_plan_starts_its_monthly_videos_then_answers_30001_with_the_reset()
    {
        var user = await ApiClient.RegisterAsync(_client);

        for (var i = 0; i < AccountsAppFactory.FreeVideosPerMonth; i++)
        {
            await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script })), HttpStatusCode.Accepted, 0);
        }

        var refused = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script })), HttpStatusCode.Forbidden, ErrorCodes.QuotaExceeded);
        var now = DateTimeOffset.UtcNow;
        var nextMonth = new DateTimeOffset(now.Year, now.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        var quota = refused.GetProperty("data");
        Assert.Equal(nextMonth, quota.GetProperty("resets_at").GetDateTimeOffset());
        Assert.Equal(AccountsAppFactory.FreeVideosPerMonth, quota.GetProperty("videos_this_month").GetInt32());
        Assert.Contains("quota", refused.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);

        var me = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", user.AccessToken)), HttpStatusCode.OK, 0);
        Assert.Equal(AccountsAppFactory.FreeVideosPerMonth, me.GetProperty("data").GetProperty("quota").GetProperty("videos_this_month").GetInt32());
    }

    [Fact]
    public async Task Concurrent_starts_never_overshoot_the_quota()
    {
        var user = await ApiClient.RegisterAsync(_client);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ =>
            _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", user.AccessToken, new { script = Script }))));

        Assert.Equal(AccountsAppFactory.FreeVideosPerMonth, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Accepted), r => Assert.Equal(HttpStatusCode.Forbidden, r.StatusCode));
    }

    [Fact]
    public async Task Another_users_task_answers_404_to_bearer_and_key_alike()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var stranger = await ApiClient.RegisterAsync(_client);
        var started = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/videos", owner.AccessToken, new { script = Script })), HttpStatusCode.Accepted, 0);
        var taskId = started.GetProperty("data").GetProperty("task_id").GetString()!;
        var projectId = started.GetProperty("data").GetProperty("project_id").GetString()!;
        var strangerKey = (await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, "/api/v1/keys", stranger.AccessToken, new { name = "k" })), HttpStatusCode.Created, 0))
            .GetProperty("data").GetProperty("key").GetString()!;

        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/tasks/{taskId}", owner.AccessToken)), HttpStatusCode.OK, 0);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/tasks/{taskId}", stranger.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, $"/api/v1/tasks/{taskId}", strangerKey)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, $"/api/v1/projects/{projectId}/video/download", stranger.AccessToken)), HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task Only_admins_change_roles_and_plans()
    {
        var user = await ApiClient.RegisterAsync(_client);

        await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Bearer(HttpMethod.Patch, $"/api/v1/users/{user.UserId}", user.AccessToken, new { role = "admin" })), HttpStatusCode.Forbidden, ErrorCodes.Forbidden);

        // The operator's configured key is an admin.
        var changed = await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Keyed(HttpMethod.Patch, $"/api/v1/users/{user.UserId}", app.OperatorKey, new { role = "creator", plan = "creator" })), HttpStatusCode.OK, 0);
        Assert.Equal("creator", changed.GetProperty("data").GetProperty("role").GetString());
        await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Keyed(HttpMethod.Patch, $"/api/v1/users/{user.UserId}", app.OperatorKey, new { plan = "platinum" })), HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        await ApiClient.ExpectAsync(
            await _client.SendAsync(ApiClient.Keyed(HttpMethod.Patch, "/api/v1/users/usr_nobody", app.OperatorKey, new { plan = "creator" })), HttpStatusCode.NotFound, ErrorCodes.NotFound);

        // A fresh sign-in carries the new role; the plan counts at once.
        var login = await ApiClient.ExpectAsync(await _client.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = user.Password }), HttpStatusCode.OK, 0);
        var access = login.GetProperty("data").GetProperty("access_token").GetString()!;
        var me = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(HttpMethod.Get, "/api/v1/users/me", access)), HttpStatusCode.OK, 0);
        Assert.Equal("creator", me.GetProperty("data").GetProperty("role").GetString());
        Assert.Equal(100, me.GetProperty("data").GetProperty("quota").GetProperty("videos_per_month").GetInt32());
    }

    [Fact]
    public async Task The_operators_configured_key_still_works_without_an_account()
    {
        var me = await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Keyed(HttpMethod.Get, "/api/v1/users/me", app.OperatorKey)), HttpStatusCode.OK, 0);

        Assert.Equal(app.OperatorUserId, me.GetProperty("data").GetProperty("user_id").GetString());
        Assert.Equal("admin", me.GetProperty("data").GetProperty("role").GetString());
        Assert.Equal("operator", me.GetProperty("data").GetProperty("plan").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("data").GetProperty("quota").GetProperty("videos_per_month").ValueKind);
    }
}
