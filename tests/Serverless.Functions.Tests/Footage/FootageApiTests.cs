using System.Net;
using System.Text.Json;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Serverless.Functions.Tests.Accounts;
using Serverless.Studio.Footage;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Storage;

namespace Serverless.Functions.Tests.Footage;

/// <summary>
/// The footage API against the real local stack with the engine stopped (a completed upload's analysis is scheduled,
/// not run): owners only, bad input 4xx with the field, the plan's size limit, and what an upload link can reach.
/// </summary>
public sealed class FootageApiTests(AccountsAppFactory app) : IClassFixture<AccountsAppFactory>
{
    private readonly HttpClient _client = app.CreateClient();

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    [InlineData("prj_0123456789abcdef")]
    public async Task Completing_an_id_that_is_no_footage_is_not_found(string id)
    {
        var owner = await ApiClient.RegisterAsync(_client);

        using var response = await _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/footage/{id}/complete", owner.AccessToken));

        await ApiClient.ExpectAsync(response, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task An_uploaded_footage_is_completed_into_an_analysis_task_its_owner_alone_can_see()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var (footageId, url) = await BeginAsync(owner, size: 1000);
        await PutAsync(url, 1000);

        var stranger = await ApiClient.RegisterAsync(_client);
        await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/complete", stranger, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ExpectAsync(HttpMethod.Get, $"/api/v1/footage/{footageId}", stranger, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ExpectAsync(HttpMethod.Get, $"/api/v1/footage/{footageId}/clips", stranger, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/clips", stranger, HttpStatusCode.NotFound, ErrorCodes.NotFound, new { platform_preset = "douyin" });

        var started = (await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/complete", owner, HttpStatusCode.Accepted, 0)).GetProperty("data");
        var taskId = started.GetProperty("task_id").GetString()!;
        Assert.Equal(footageId, started.GetProperty("footage_id").GetString());

        var task = (await ExpectAsync(HttpMethod.Get, $"/api/v1/tasks/{taskId}", owner, HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal("queued", task.GetProperty("status").GetString());
        await ExpectAsync(HttpMethod.Get, $"/api/v1/tasks/{taskId}", stranger, HttpStatusCode.NotFound, ErrorCodes.NotFound);

        var footage = (await ExpectAsync(HttpMethod.Get, $"/api/v1/footage/{footageId}", owner, HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal(("analyzing", 1000L, taskId), (footage.GetProperty("status").GetString(), footage.GetProperty("size_bytes").GetInt64(), footage.GetProperty("task_id").GetString()));
        Assert.Equal(0, footage.GetProperty("highlights").GetArrayLength());

        await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/complete", owner, HttpStatusCode.Conflict, ErrorCodes.InvalidParameters);
        await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/clips", owner, HttpStatusCode.Conflict, ErrorCodes.InvalidParameters, new { platform_preset = "douyin" });
    }

    [Fact]
    public async Task An_upload_never_completed_is_swept_a_day_after_its_link_expired_and_a_completed_one_is_left_alone()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var (abandoned, abandonedUrl) = await BeginAsync(owner, size: 500);
        await PutAsync(abandonedUrl, 300);
        var (completed, completedUrl) = await BeginAsync(owner, size: 400);
        await PutAsync(completedUrl, 400);
        await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{completed}/complete", owner, HttpStatusCode.Accepted, 0);

        // Each upload link scheduled its own sweep.
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        Assert.NotNull(await durable.GetInstanceAsync($"sweep-{abandoned}"));
        Assert.NotNull(await durable.GetInstanceAsync($"sweep-{completed}"));

        var store = app.Services.GetRequiredService<FootageStore>();
        var blobs = app.Services.GetRequiredService<AssetStore>();
        var source = (await store.FindAsync(owner.UserId, abandoned))!.Source;
        var age = app.Services.GetRequiredService<IOptions<FootageOptions>>().Value.UploadLinkLifetime + FootageService.UnfinishedUploadGrace;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var footage = ActivatorUtilities.CreateInstance<FootageService>(app.Services, (TimeProvider)clock);

        clock.Advance(age - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await footage.SweepUnfinishedUploadAsync(owner.UserId, abandoned));
        Assert.NotNull(await blobs.GetPropertiesAsync(source));

        clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await footage.SweepUnfinishedUploadAsync(owner.UserId, abandoned));
        Assert.Null(await blobs.GetPropertiesAsync(source));
        Assert.Null(await store.FindAsync(owner.UserId, abandoned));
        await ExpectAsync(HttpMethod.Get, $"/api/v1/footage/{abandoned}", owner, HttpStatusCode.NotFound, ErrorCodes.NotFound);

        Assert.Equal(0, await footage.SweepUnfinishedUploadAsync(owner.UserId, completed));
        var kept = (await store.FindAsync(owner.UserId, completed))!;
        Assert.Equal(FootageStatus.Analyzing, kept.Status);
        Assert.NotNull(await blobs.GetPropertiesAsync(kept.Source));
    }

    [Fact]
    public async Task A_completion_landing_while_the_sweep_judges_an_upload_keeps_it()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var (footageId, _) = await BeginAsync(owner, size: 500);
        var store = app.Services.GetRequiredService<FootageStore>();

        // The condition runs between the sweep's read and its delete: the completion's write lands right there.
        var swept = await store.DeleteWhileAsync(owner.UserId, footageId, judged =>
        {
            store.UpdateAsync(owner.UserId, footageId, f => f with { Status = FootageStatus.Analyzing }).GetAwaiter().GetResult();
            return judged.Status == FootageStatus.Uploading;
        });

        Assert.Null(swept);
        Assert.Equal(FootageStatus.Analyzing, (await store.FindAsync(owner.UserId, footageId))!.Status);
        Assert.Null(await store.DeleteWhileAsync(owner.UserId, footageId, f => f.Status == FootageStatus.Uploading));
        Assert.Equal(footageId, (await store.DeleteWhileAsync(owner.UserId, footageId, f => f.Status == FootageStatus.Analyzing))?.Id);
        Assert.Null(await store.FindAsync(owner.UserId, footageId));
    }

    [Fact]
    public async Task The_footage_list_pages_the_owners_footage_newest_first_and_refuses_a_bad_page()
    {
        var owner = await ApiClient.RegisterAsync(_client);
        var (older, _) = await BeginAsync(owner, size: 10);
        await Task.Delay(50);
        var (newer, _) = await BeginAsync(owner, size: 20);
        var stranger = await ApiClient.RegisterAsync(_client);

        var page = (await ExpectAsync(HttpMethod.Get, "/api/v1/footage?page_size=1", owner, HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal((2, newer, "uploading"), (page.GetProperty("total").GetInt32(),
            page.GetProperty("items")[0].GetProperty("footage_id").GetString(), page.GetProperty("items")[0].GetProperty("status").GetString()));
        var second = (await ExpectAsync(HttpMethod.Get, "/api/v1/footage?page=2&page_size=1", owner, HttpStatusCode.OK, 0)).GetProperty("data");
        Assert.Equal(older, second.GetProperty("items")[0].GetProperty("footage_id").GetString());
        Assert.Equal(0, (await ExpectAsync(HttpMethod.Get, "/api/v1/footage", stranger, HttpStatusCode.OK, 0)).GetProperty("data").GetProperty("total").GetInt32());
        var refused = await ExpectAsync(HttpMethod.Get, "/api/v1/footage?page_size=101", owner, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Equal("page_size", refused.GetProperty("error").GetProperty("field").GetString());
    }

    [Fact]
    public async Task Two_completions_at_once_start_one_analysis()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var (footageId, url) = await BeginAsync(user, size: 100);
        await PutAsync(url, 100);

        var answers = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ =>
            _client.SendAsync(ApiClient.Bearer(HttpMethod.Post, $"/api/v1/footage/{footageId}/complete", user.AccessToken))));

        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
    }

    [Fact]
    public async Task Bad_requests_get_a_400_naming_the_field_and_the_plans_size_limit()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var twoGigabytes = 2048L * 1024 * 1024;
        var cases = new (object Body, string Field)[]
        {
            (new { size_bytes = 10 }, "file_name"),
            (new { file_name = "talk.txt", size_bytes = 10 }, "file_name"),
            (new { file_name = "../../talk", size_bytes = 10 }, "file_name"),
            (new { file_name = "talk.mp4" }, "size_bytes"),
            (new { file_name = "talk.mp4", size_bytes = 0 }, "size_bytes"),
            (new { file_name = "talk.mp4", size_bytes = twoGigabytes + 1 }, "size_bytes"),
            (new { file_name = "talk.mp4", size_bytes = 10, language = "fr" }, "language"),
        };
        foreach (var (body, field) in cases)
        {
            var refused = await ExpectAsync(HttpMethod.Post, "/api/v1/footage", user, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, body);
            Assert.Equal(field, refused.GetProperty("error").GetProperty("field").GetString());
        }

        var overPlan = await ExpectAsync(HttpMethod.Post, "/api/v1/footage", user, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters,
            new { file_name = "talk.mp4", size_bytes = twoGigabytes + 1 });
        Assert.Contains("max_footage_bytes of the free plan", overPlan.ToString(), StringComparison.Ordinal);

        // Exactly the plan's limit gets a link.
        await ExpectAsync(HttpMethod.Post, "/api/v1/footage", user, HttpStatusCode.OK, 0, new { file_name = "talk.mp4", size_bytes = twoGigabytes });
        await ExpectAsync(HttpMethod.Get, "/api/v1/footage/ftg_nothex", user, HttpStatusCode.NotFound, ErrorCodes.NotFound);
        await ExpectAsync(HttpMethod.Post, "/api/v1/footage/ftg_0000000000000000/complete", user, HttpStatusCode.NotFound, ErrorCodes.NotFound);
    }

    [Fact]
    public async Task A_file_of_another_size_than_declared_is_refused_and_removed_and_a_missing_one_is_a_conflict()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var (footageId, url) = await BeginAsync(user, size: 64);
        await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/complete", user, HttpStatusCode.Conflict, ErrorCodes.InvalidParameters);

        await PutAsync(url, 4096);
        var refused = await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/complete", user, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters);
        Assert.Contains("4096 bytes, not the 64 declared", refused.ToString(), StringComparison.Ordinal);
        var record = await app.Services.GetRequiredService<FootageStore>().FindAsync(user.UserId, footageId);
        Assert.Equal(FootageStatus.Uploading, record!.Status);
        Assert.Null(await app.Services.GetRequiredService<AssetStore>().GetPropertiesAsync(record.Source));
    }

    [Fact]
    public async Task The_upload_link_writes_and_reads_its_own_blob_in_blocks_and_nothing_else()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var (footageId, url) = await BeginAsync(user, size: 3 * 1024);
        var query = System.Web.HttpUtility.ParseQueryString(url.Query);
        Assert.Equal(("b", "rcw"), (query["sr"], query["sp"]));
        Assert.Contains($"/footage/{user.UserId}/{footageId}/source.mp4", url.AbsolutePath, StringComparison.Ordinal);

        // Blocks staged through the link are listed back through it (a resumed upload skips them), then committed.
        var blob = new BlockBlobClient(url);
        var ids = Enumerable.Range(0, 3).Select(i => Convert.ToBase64String(BitConverter.GetBytes(i))).ToList();
        await blob.StageBlockAsync(ids[0], new MemoryStream(new byte[1024]));
        await blob.StageBlockAsync(ids[1], new MemoryStream(new byte[1024]));
        var staged = (await blob.GetBlockListAsync(Azure.Storage.Blobs.Models.BlockListTypes.Uncommitted)).Value.UncommittedBlocks.Select(b => b.Name).ToList();
        Assert.Equal(ids.Take(2).Order(), staged.Order());
        await blob.StageBlockAsync(ids[2], new MemoryStream(new byte[1024]));
        await blob.CommitBlockListAsync(ids);
        await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/complete", user, HttpStatusCode.Accepted, 0);

        // The same signature on a sibling blob, or on the container, is refused by storage.
        var sibling = new UriBuilder(url) { Path = url.AbsolutePath.Replace("source.mp4", "other.mp4", StringComparison.Ordinal) }.Uri;
        using var storage = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, sibling) { Content = new ByteArrayContent(new byte[8]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Forbidden, (await storage.SendAsync(put)).StatusCode);
        var container = new UriBuilder(url) { Path = url.AbsolutePath[..url.AbsolutePath.IndexOf($"/{user.UserId}/", StringComparison.Ordinal)], Query = url.Query.TrimStart('?') + "&restype=container&comp=list" }.Uri;
        Assert.Equal(HttpStatusCode.Forbidden, (await storage.GetAsync(container)).StatusCode);
    }

    [Fact]
    public async Task Clips_are_asked_for_by_highlight_within_the_plans_count_and_listed_to_their_owner()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var footageId = await ReadyFootageAsync(user, highlights: 12);

        var badAsks = new (object Body, string Field)[]
        {
            (new { highlights = new[] { "hl_1" } }, "platform_preset"),
            (new { highlights = new[] { "hl_1" }, platform_preset = "myspace" }, "platform_preset"),
            (new { highlights = new[] { "hl_99" }, platform_preset = "douyin" }, "highlights"),
            (new { highlights = Enumerable.Range(1, 11).Select(i => $"hl_{i}").ToArray(), platform_preset = "douyin" }, "highlights"),
            (new { count = 11, platform_preset = "douyin" }, "count"),
            (new { count = 0, platform_preset = "douyin" }, "count"),
            (new { count = 2, target_seconds = 5, platform_preset = "douyin" }, "target_seconds"),
            (new { count = 2, keywords = new[] { new string('k', 41) }, platform_preset = "douyin" }, "keywords"),
            (new { highlights = new[] { "hl_1" }, platform_preset = "douyin", subtitle_style = "comic-sans" }, "subtitle_style"),
            (new { highlights = new[] { "hl_1" }, platform_preset = "douyin", intro_text = new string('x', 101) }, "intro_text"),
        };
        foreach (var (body, field) in badAsks)
        {
            var refused = await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/clips", user, HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, body);
            Assert.Equal(field, refused.GetProperty("error").GetProperty("field").GetString());
        }

        Assert.Contains("max_clips_per_request of the free plan", (await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/clips", user,
            HttpStatusCode.BadRequest, ErrorCodes.InvalidParameters, new { count = 11, platform_preset = "douyin" })).ToString(), StringComparison.Ordinal);

        var started = (await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/clips", user, HttpStatusCode.Accepted, 0,
            new { highlights = new[] { "hl_3", "hl_1" }, platform_preset = "douyin" })).GetProperty("data");
        var listed = (await ExpectAsync(HttpMethod.Get, $"/api/v1/footage/{footageId}/clips", user, HttpStatusCode.OK, 0)).GetProperty("data");
        var clips = listed.GetProperty("clips").EnumerateArray().ToList();
        Assert.Equal(["hl_3", "hl_1"], clips.Select(c => c.GetProperty("highlight_id").GetString()));
        Assert.All(clips, c => Assert.Equal(("queued", "douyin", started.GetProperty("task_id").GetString()),
            (c.GetProperty("status").GetString(), c.GetProperty("platform").GetString(), c.GetProperty("task_id").GetString())));
        Assert.All(clips, c => Assert.Equal(JsonValueKind.Null, c.GetProperty("download_url").ValueKind));
        await ExpectAsync(HttpMethod.Get, $"/api/v1/footage/{footageId}/clips/zip", user, HttpStatusCode.Conflict, ErrorCodes.InvalidParameters);

        // The top two, as the footage ranks them.
        var best = (await ExpectAsync(HttpMethod.Post, $"/api/v1/footage/{footageId}/clips", user, HttpStatusCode.Accepted, 0,
            new { count = 2, platform_preset = "bilibili" })).GetProperty("data");
        var all = (await ExpectAsync(HttpMethod.Get, $"/api/v1/footage/{footageId}/clips", user, HttpStatusCode.OK, 0)).GetProperty("data").GetProperty("clips");
        Assert.Equal(["hl_1", "hl_2"], all.EnumerateArray().Where(c => c.GetProperty("task_id").GetString() == best.GetProperty("task_id").GetString())
            .Select(c => c.GetProperty("highlight_id").GetString()));
    }

    /// <summary>A footage as its analysis leaves it, written through the store: the analysis itself is the worker's.</summary>
    private async Task<string> ReadyFootageAsync(TestUser user, int highlights)
    {
        var (footageId, url) = await BeginAsync(user, size: 16);
        await PutAsync(url, 16);
        var store = app.Services.GetRequiredService<FootageStore>();
        await store.UpdateAsync(user.UserId, footageId, f => f with
        {
            Status = FootageStatus.Ready,
            DurationSeconds = highlights * 30,
            Highlights = Enumerable.Range(1, highlights).Select(i => new Highlight($"hl_{i}", (i - 1) * 30 + 1, (i - 1) * 30 + 21, 1.0 / i, "test", $"words {i}")).ToList(),
        });
        return footageId;
    }

    private async Task<(string FootageId, Uri UploadUrl)> BeginAsync(TestUser user, long size)
    {
        var data = (await ExpectAsync(HttpMethod.Post, "/api/v1/footage", user, HttpStatusCode.OK, 0, new { file_name = "talk.mp4", size_bytes = size })).GetProperty("data");
        Assert.Equal("BlockBlob", data.GetProperty("headers").GetProperty("x-ms-blob-type").GetString());
        return (data.GetProperty("footage_id").GetString()!, new Uri(data.GetProperty("upload_url").GetString()!));
    }

    private static async Task PutAsync(Uri url, int bytes)
    {
        using var storage = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, url) { Content = new ByteArrayContent(new byte[bytes]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await storage.SendAsync(put)).StatusCode);
    }

    private async Task<JsonElement> ExpectAsync(HttpMethod method, string path, TestUser user, HttpStatusCode status, int code, object? body = null) =>
        await ApiClient.ExpectAsync(await _client.SendAsync(ApiClient.Bearer(method, path, user.AccessToken, body)), status, code);
}
