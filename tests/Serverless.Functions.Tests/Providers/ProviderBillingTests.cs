using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Tests.Accounts;
using Serverless.Functions.Tests.Projects;
using Serverless.Testing;

namespace Serverless.Functions.Tests.Providers;

/// <summary>
/// Issue 18 on the running engine, the worker played by the test: a video's pictures and voices paid to the user's own
/// provider appear on its bill at the provider's prices, the usage ledger agrees to the cent, failed calls cost nothing,
/// the estimate comes before and close to the bill, a budget stops a video, and the same video again is paid once.
/// </summary>
public sealed class ProviderBillingTests(ProjectsAppFactory app) : IClassFixture<ProjectsAppFactory>, IAsyncLifetime
{
    private const decimal ImagePrice = 0.04m;
    private const decimal SpeechPer1k = 0.015m;

    private readonly HttpClient _client = app.CreateClient();
    private OpenAIWireServer _server = null!;

    private ProjectsClient Api => new(_client, app.RenderQueue);

    public async Task InitializeAsync() => _server = await OpenAIWireServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    /// <summary>The shared original of a sample when present beside the checkout, else the project's own copy.</summary>
    private static string Sample(string name)
    {
        var shared = Path.GetFullPath(SourceTree.File("..", "shared", "samples", name));
        return File.ReadAllText(File.Exists(shared) ? shared : SourceTree.File("samples", name));
    }

    private async Task<string> AddProviderAsync(TestUser user, OpenAIWireServer server) =>
        (await Api.SendAsync(user, HttpMethod.Post, "/api/v1/providers", new
        {
            kind = "openai-compatible",
            name = "metered",
            base_url = server.BaseUrl,
            api_key = "sk-bill-" + Guid.NewGuid().ToString("N"),
            models = new { image = new[] { "gpt-image-1" }, speech = new[] { "tts-1" } },
            prices = new { image = ImagePrice, speech_per_1k_chars = SpeechPer1k },
        }, HttpStatusCode.Created)).GetProperty("data").GetProperty("provider_id").GetString()!;

    private async Task<JsonElement> EstimateAsync(TestUser user, string script) =>
        (await Api.SendAsync(user, HttpMethod.Post, "/api/v1/videos/estimate", new { script }, HttpStatusCode.OK)).GetProperty("data");

    /// <summary>Starts a video, renders it as a worker would, and answers the ended task.</summary>
    private async Task<JsonElement> MakeVideoAsync(TestUser user, string script)
    {
        var accepted = await Api.SendAsync(user, HttpMethod.Post, "/api/v1/videos", new { script }, HttpStatusCode.Accepted);
        var (taskId, projectId) = (ProjectsClient.TaskIdOf(accepted), accepted.GetProperty("data").GetProperty("project_id").GetString()!);
        var job = await Api.WaitForRenderJobAsync(projectId);
        var results = new QueueClient(LocalStack.StorageConnectionString, app.ResultsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await results.CreateIfNotExistsAsync();
        await results.SendMessageAsync(BinaryData.FromObjectAsJson(
            JobResult.Completed(job.OrchestrationInstanceId, new RenderCompleted { JobId = job.JobId, Succeeded = true, Video = job.Destination, DurationSeconds = 5 }),
            JobJson.Options));
        return await Api.WaitForTaskAsync(user, taskId, "completed", "failed");
    }

    private static List<JsonElement> Items(JsonElement bill, string capability) =>
        bill.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("capability").GetString() == capability).ToList();

    private static int Paid(JsonElement bill, string capability) => Items(bill, capability).Count(i => !i.GetProperty("cached").GetBoolean());

    private static decimal Cents(decimal usd) => Math.Round(usd, 2, MidpointRounding.AwayFromZero);

    [Fact]
    public async Task Pictures_the_provider_fails_fall_back_and_its_failed_calls_cost_nothing()
    {
        await using var failing = await OpenAIWireServer.StartAsync();
        failing.ImageStatus = 500;
        var user = await ApiClient.RegisterAsync(_client);
        var providerId = await AddProviderAsync(user, failing);

        var task = await MakeVideoAsync(user, Sample("fountain_short.en.fountain"));

        Assert.Equal("completed", task.GetProperty("status").GetString());
        var bill = task.GetProperty("bill");
        var images = Items(bill, "image");
        var answered = images.Where(i => i.GetProperty("provider").GetString() == "offline").ToList();
        Assert.Equal(8, answered.Count);
        Assert.All(answered, i => Assert.Equal((0m, true), (i.GetProperty("cost").GetDecimal(), i.GetProperty("fallback").GetBoolean())));
        var failed = images.Where(i => i.GetProperty("provider").GetString() == providerId).ToList();
        Assert.NotEmpty(failed);
        Assert.All(failed, i => Assert.Equal(0m, i.GetProperty("cost").GetDecimal()));
        Assert.Contains(failing.Requests, r => r.Path == "/v1/images/generations");

        // Only the voices the provider spoke are charged.
        var voices = Items(bill, "speech");
        Assert.All(voices, i => Assert.Equal(providerId, i.GetProperty("provider").GetString()));
        Assert.Equal(voices.Sum(i => i.GetProperty("cost").GetDecimal()), bill.GetProperty("total").GetDecimal());
        var shots = await Api.ShotsAsync(user, task.GetProperty("project_id").GetString()!);
        Assert.All(shots.EnumerateArray(), s => Assert.Equal(providerId, s.GetProperty("image_passed_over")[0].GetProperty("provider").GetString()));
    }

    /// <summary>Three samples at once (each its own user): the first is checked item by item, all against their estimates.</summary>
    [Fact]
    public async Task Videos_from_the_users_provider_are_billed_at_its_prices_close_to_their_estimates_and_usage_agrees_to_the_cent()
    {
        var samples = new[] { "product_launch.en.txt", "confession.zh.txt", "markdown_multi.zh.md" };
        var runs = await Task.WhenAll(samples.Select(async name =>
        {
            var user = await ApiClient.RegisterAsync(_client);
            var providerId = await AddProviderAsync(user, _server);
            var estimate = await EstimateAsync(user, Sample(name));
            Assert.All(estimate.GetProperty("items").EnumerateArray(), i => Assert.Equal(providerId, i.GetProperty("provider").GetString()));
            var task = await MakeVideoAsync(user, Sample(name));
            Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());
            return (name, user, providerId, Estimate: estimate.GetProperty("total").GetDecimal(), Bill: task.GetProperty("bill"));
        }));

        Assert.All(runs, run =>
        {
            var billed = run.Bill.GetProperty("total").GetDecimal();
            Assert.True(billed > 0, $"{run.name}: nothing was billed");
            Assert.True(Math.Abs(run.Estimate - billed) <= 0.2m * billed, $"{run.name}: estimate {run.Estimate} USD, bill {billed} USD");
        });

        var (_, user, providerId, _, bill) = runs[0];
        Assert.Equal("USD", bill.GetProperty("currency").GetString());
        var images = Items(bill, "image");
        var voices = Items(bill, "speech");
        Assert.Equal(8, images.Count);
        // Every paid item is one request the provider saw; a shot asking what an earlier one asked is a cache hit at 0.
        Assert.Equal(runs.Sum(r => Paid(r.Bill, "image")), _server.Requests.Count(r => r.Path == "/v1/images/generations"));
        Assert.Equal(runs.Sum(r => Paid(r.Bill, "speech")), _server.Requests.Count(r => r.Path == "/v1/audio/speech"));
        Assert.NotEmpty(voices);
        Assert.All(images.Concat(voices), i => Assert.Equal(providerId, i.GetProperty("provider").GetString()));
        Assert.All(images, i => Assert.Equal(("gpt-image-1", 1m), (i.GetProperty("model").GetString(), i.GetProperty("units").GetDecimal())));
        Assert.All(images, i => Assert.Equal(i.GetProperty("cached").GetBoolean() ? 0 : ImagePrice, i.GetProperty("cost").GetDecimal()));
        Assert.All(voices, i => Assert.Equal(i.GetProperty("cached").GetBoolean() ? 0 : i.GetProperty("units").GetDecimal() * SpeechPer1k / 1000, i.GetProperty("cost").GetDecimal()));
        var total = bill.GetProperty("total").GetDecimal();
        Assert.Equal(images.Concat(voices).Sum(i => i.GetProperty("cost").GetDecimal()), total);
        Assert.True(total > Paid(bill, "image") * ImagePrice, $"the voices cost something too: {bill}");

        var usage = (await Api.SendAsync(user, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(Cents(total), Cents(usage.GetProperty("total").GetDecimal()));
        var imageLine = usage.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("capability").GetString() == "image");
        Assert.Equal((providerId, 8), (imageLine.GetProperty("provider").GetString(), imageLine.GetProperty("calls").GetInt32()));
        Assert.Equal(Cents(total), Cents((await Api.SendAsync(user, HttpMethod.Get, "/api/v1/usage?period=month", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("total").GetDecimal()));
        await Api.SendAsync(user, HttpMethod.Get, "/api/v1/usage?period=year", null, HttpStatusCode.BadRequest, 10002);

        // Usage is the caller's own.
        var other = await ApiClient.RegisterAsync(_client);
        Assert.Equal(0m, (await Api.SendAsync(other, HttpMethod.Get, "/api/v1/usage?period=day", null, HttpStatusCode.OK)).GetProperty("data").GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_budget_below_the_estimate_is_refused_before_any_call()
    {
        var user = await ApiClient.RegisterAsync(_client);
        await AddProviderAsync(user, _server);
        var script = Sample("product_launch.en.txt");
        var estimate = (await EstimateAsync(user, script)).GetProperty("total").GetDecimal();
        var before = _server.Requests.Count;

        var refused = await Api.SendAsync(user, HttpMethod.Post, "/api/v1/videos", new { script, budget = estimate / 2 }, HttpStatusCode.Forbidden, 30005);

        Assert.Contains("budget", refused.GetProperty("message").GetString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(before, _server.Requests.Count);
        await Api.SendAsync(user, HttpMethod.Post, "/api/v1/videos/estimate", new { script, budget = -1 }, HttpStatusCode.BadRequest, 10002);
        await Api.SendAsync(user, HttpMethod.Post, "/api/v1/videos/estimate", new { style = "anime" }, HttpStatusCode.BadRequest, 10002);
    }

    [Fact]
    public async Task A_render_whose_estimate_is_over_its_budget_is_refused_before_any_call()
    {
        var user = await ApiClient.RegisterAsync(_client);
        await AddProviderAsync(user, _server);
        var projectId = (await Api.SendAsync(user, HttpMethod.Post, "/api/v1/projects", new { name = "Budgeted", script = Sample("product_launch.en.txt") }, HttpStatusCode.Created))
            .GetProperty("data").GetProperty("id").GetString()!;

        await Api.SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{projectId}/render/preview", new { budget = 0.1m }, HttpStatusCode.Forbidden, 30005);
        await Api.SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{projectId}/render/final", new { budget = 100_001m }, HttpStatusCode.BadRequest, 10002);

        Assert.Empty(_server.Requests);
        var tasks = (await Api.SendAsync(user, HttpMethod.Get, $"/api/v1/projects/{projectId}/tasks", null, HttpStatusCode.OK)).GetProperty("data");
        Assert.Equal(0, tasks.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task A_running_video_stops_before_the_call_that_would_pass_its_budget()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var providerId = await AddProviderAsync(user, _server);
        var script = Sample("product_launch.en.txt");
        var estimate = (await EstimateAsync(user, script)).GetProperty("total").GetDecimal();
        var accepted = await Api.SendAsync(user, HttpMethod.Post, "/api/v1/videos", new { script, budget = estimate, approval_required = true }, HttpStatusCode.Accepted);
        var (taskId, projectId) = (ProjectsClient.TaskIdOf(accepted), accepted.GetProperty("data").GetProperty("project_id").GetString()!);
        await Api.WaitForTaskAsync(user, taskId, "awaiting_approval");

        // Pictures now cost ten times the estimate's price: the budget holds two at most.
        await Api.SendAsync(user, HttpMethod.Patch, $"/api/v1/providers/{providerId}", new { prices = new { image = estimate / 2.5m, speech_per_1k_chars = SpeechPer1k } }, HttpStatusCode.OK);
        await Api.SendAsync(user, HttpMethod.Post, $"/api/v1/projects/{projectId}/storyboard/approve", null, HttpStatusCode.OK);
        var task = await Api.WaitForTaskAsync(user, taskId, "completed", "failed");

        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Equal(30005, task.GetProperty("error").GetProperty("code").GetInt32());
        var bill = task.GetProperty("bill");
        Assert.True(bill.GetProperty("total").GetDecimal() <= estimate, $"billed past the budget of {estimate}: {bill}");
        Assert.InRange(Items(bill, "image").Count(i => i.GetProperty("cost").GetDecimal() > 0), 1, 2);
    }

    [Fact]
    public async Task The_same_video_again_is_answered_from_the_cache_and_costs_nothing()
    {
        var user = await ApiClient.RegisterAsync(_client);
        await AddProviderAsync(user, _server);
        var script = Sample("fountain_short.en.fountain");
        var first = (await MakeVideoAsync(user, script)).GetProperty("bill");
        var paid = _server.Requests.Count;

        var second = (await MakeVideoAsync(user, script)).GetProperty("bill");

        Assert.True(first.GetProperty("total").GetDecimal() > 0);
        Assert.Equal(0m, second.GetProperty("total").GetDecimal());
        Assert.Equal(first.GetProperty("items").GetArrayLength(), second.GetProperty("items").GetArrayLength());
        Assert.All(second.GetProperty("items").EnumerateArray(), i => Assert.True(i.GetProperty("cached").GetBoolean(), i.ToString()));
        Assert.Equal(paid, _server.Requests.Count);

        // Another user's identical video is not answered from this user's results.
        var other = await ApiClient.RegisterAsync(_client);
        await AddProviderAsync(other, _server);
        var theirs = (await MakeVideoAsync(other, script)).GetProperty("bill");
        Assert.Equal(first.GetProperty("total").GetDecimal(), theirs.GetProperty("total").GetDecimal());
        Assert.True(_server.Requests.Count > paid);
    }
}
