using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Serverless.Contracts;
using Serverless.Contracts.Footage;
using Serverless.Contracts.Rendering;
using Serverless.EndToEnd.Tests;
using Serverless.Testing;

namespace Serverless.Studio.Web.Tests;

/// <summary>
/// The footage page in chromium: a footage uploaded through the API and analysed by the footage worker this test plays
/// on the wire (<see cref="FootageTalk"/>) shows its transcript with the highlights marked; the user drags a span's
/// start edge (and nudges it with an arrow key), makes clips, and the clip of the adjusted span is queued, then listed
/// with its download link once its render lands. The page plays the footage's proxy above the timeline and shows its
/// thumbnails along it; a refused or expired link is fetched again.
/// </summary>
[Collection(StudioWebCollection.Name)]
public sealed class FootagePageTests(StudioWebStack stack)
{
    // A fresh task hub takes its partitions first: the first orchestration may wait some 30 s on the loaded 2 cores.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly Lazy<Task<FootagePreviewFiles>> Previews = new(() => FootagePreviewFiles.MakeAsync(FootageTalk.Analysis().DurationSeconds + 1));
    private readonly FootageWorkerPlay _worker = new(LocalStack.StorageConnectionString, stack.FootageQueue, stack.ResultsQueue);

    [Fact]
    public async Task A_seller_drags_a_highlights_edge_and_gets_the_clip_of_the_adjusted_span()
    {
        var (page, footageId, footage) = await SellerWithFootageAsync("seller");
        var first = footage.GetProperty("highlights")[0];
        var (start, end) = (first.GetProperty("start").GetDouble(), first.GetProperty("end").GetDouble());

        await page.GetByRole(AriaRole.Link, new() { Name = "Footage" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "talk.mp4" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "talk.mp4" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("p.transcript mark[data-highlight='hl_1']")).ToContainTextAsync("forty nine dollars");

        // Drag hl_1's start 5 s in (or out, for a short one), then one arrow key on: 4.5 s moved in all.
        var direction = end - start > 30 ? 1 : -1;
        var edge = page.GetByRole(AriaRole.Slider, new() { Name = "Start of hl_1" });
        await edge.ScrollIntoViewIfNeededAsync();
        var bar = (await page.Locator(".timeline").BoundingBoxAsync())!;
        var box = (await edge.BoundingBoxAsync())!;
        var (x, y) = (box.X + (box.Width / 2), box.Y + (box.Height / 2));
        var pixels = (float)(5 * bar.Width / footage.GetProperty("duration").GetDouble());
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + (direction * pixels / 2), y);
        await page.Mouse.MoveAsync(x + (direction * pixels), y);
        await page.Mouse.UpAsync();
        await edge.FocusAsync();
        await page.Keyboard.PressAsync(direction > 0 ? "ArrowLeft" : "ArrowRight");
        var moved = double.Parse((await edge.GetAttributeAsync("aria-valuenow"))!, CultureInfo.InvariantCulture);
        Assert.InRange(moved, start + (direction * 4.5) - 0.2, start + (direction * 4.5) + 0.2);
        await Assertions.Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Clip hl_1" })).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Make clips" }).ClickAsync();
        var clip = (await TakeJobAsync(footageId)).Clip!;
        Assert.InRange(clip.Start, moved - 2.5, moved + 2.5);
        Assert.True(Math.Abs(clip.Start - start) > 1, $"the clip starts at {clip.Start}, hl_1 at {start}");
        Assert.Equal(end, clip.End, 3);
        var clips = page.GetByRole(AriaRole.List, new() { Name = "Clips" });
        await Assertions.Expect(clips.Locator($"li[data-clip='{clip.ClipId}'][data-status='queued']")).ToBeVisibleAsync();

        // The render lands: the page, still polling, shows the clip done with its download link.
        await _worker.Blobs.GetBlobContainerClient(clip.Destination.Container).GetBlobClient(clip.Destination.Path).UploadAsync(BinaryData.FromString("a clip"), overwrite: true);
        await _worker.ReportAsync(JobResult.Completed(clip.OrchestrationInstanceId, new RenderCompleted
        {
            JobId = clip.JobId, Succeeded = true, Video = clip.Destination, DurationSeconds = clip.End - clip.Start, SizeBytes = 6,
        }));
        var done = clips.Locator($"li[data-clip='{clip.ClipId}'][data-status='done']");
        await Assertions.Expect(done.GetByRole(AriaRole.Link, new() { Name = "Download" })).ToBeVisibleAsync(new() { Timeout = 20_000 });
        await StudioWebStack.ScreenshotAsync(page, "footage");
    }

    [Fact]
    public async Task The_footage_plays_above_its_timeline_and_choosing_a_highlight_or_a_thumbnail_goes_to_its_time()
    {
        var (page, footageId, footage) = await SellerWithFootageAsync("viewer");
        await page.Clock.InstallAsync(); // the page's clock, moved on below past the links' expiry
        var duration = footage.GetProperty("duration").GetDouble();
        var proxy = new Uri(footage.GetProperty("proxy").GetProperty("url").GetString()!);

        // The proxy's first request is refused, as an expired link is: the page fetches the footage again and plays.
        var footageReads = 0;
        page.Request += (_, request) => footageReads += request.Method == "GET" && request.Url.EndsWith($"/api/v1/footage/{footageId}", StringComparison.Ordinal) ? 1 : 0;
        var refused = 0;
        await page.RouteAsync(url => url.StartsWith(proxy.GetLeftPart(UriPartial.Path), StringComparison.Ordinal), route =>
            Interlocked.Increment(ref refused) == 1 ? route.AbortAsync("accessdenied") : route.ContinueAsync());
        await page.GetByRole(AriaRole.Link, new() { Name = "Footage" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "talk.mp4" }).ClickAsync();

        var video = page.GetByLabel("Footage video");
        await Assertions.Expect(video).ToHaveAttributeAsync("preload", "metadata");
        Assert.Null(await video.GetAttributeAsync("autoplay"));
        await page.WaitForFunctionAsync("() => { const v = document.querySelector('video.footage-video'); return v.readyState >= 1 && v.duration > 0; }");
        var source = new Uri((await video.GetAttributeAsync("src"))!);
        Assert.Equal(proxy.GetLeftPart(UriPartial.Path), source.GetLeftPart(UriPartial.Path));
        Assert.Contains("sig=", source.Query, StringComparison.Ordinal);
        Assert.InRange(await video.EvaluateAsync<double>("v => v.duration"), duration - 0.5, duration + 1.5);
        Assert.True(refused >= 2, $"the proxy was asked for {refused} times");
        Assert.True(footageReads >= 2, $"the footage was read {footageReads} times: its links were not fetched again after the refusal");
        Assert.Empty(await page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "cannot be played" }).AllAsync());

        // Choosing a highlight goes to its start; playing it stops at its end (played fast, to keep the test short).
        var second = footage.GetProperty("highlights")[1];
        var (id, start, end) = (second.GetProperty("id").GetString(), second.GetProperty("start").GetDouble(), second.GetProperty("end").GetDouble());
        await page.GetByRole(AriaRole.Checkbox, new() { Name = $"Clip {id}" }).CheckAsync();
        await AtAsync(page, start);
        await video.EvaluateAsync("v => { v.muted = true; v.playbackRate = 8; }");
        await page.GetByRole(AriaRole.Button, new() { Name = $"Play {id}" }).ClickAsync();
        await page.WaitForFunctionAsync("end => { const v = document.querySelector('video.footage-video'); return v.paused && v.currentTime >= end; }", end, new() { Timeout = 30_000 });
        Assert.InRange(await video.EvaluateAsync<double>("v => v.currentTime"), end, end + 1);

        // Focusing a span's edge on the timeline goes to that span's start.
        var first = footage.GetProperty("highlights")[0].GetProperty("start").GetDouble();
        await page.GetByRole(AriaRole.Slider, new() { Name = "End of hl_1" }).FocusAsync();
        await AtAsync(page, first);

        // The thumbnails lie along the timeline, each at the time it shows, and each goes there.
        var thumbnails = footage.GetProperty("thumbnails").EnumerateArray().ToList();
        Assert.Equal(2, thumbnails.Count);
        var strip = page.GetByRole(AriaRole.List, new() { Name = "Thumbnails" }).Locator("li");
        await Assertions.Expect(strip).ToHaveCountAsync(thumbnails.Count);
        for (var i = 0; i < thumbnails.Count; i++)
        {
            var at = thumbnails[i].GetProperty("at").GetDouble();
            Assert.Equal(duration * (i + 0.5) / thumbnails.Count, at, 3);
            var item = strip.Nth(i);
            Assert.Equal(at, double.Parse((await item.GetAttributeAsync("data-at"))!, CultureInfo.InvariantCulture), 3);
            var shown = (await item.Locator("[data-time]").TextContentAsync())!.Split(':');
            Assert.InRange((int.Parse(shown[0], CultureInfo.InvariantCulture) * 60) + double.Parse(shown[1], CultureInfo.InvariantCulture), at - 0.06, at + 0.06);
            await Assertions.Expect(item.GetByRole(AriaRole.Button, new() { Name = $"Go to {string.Join(':', shown)}" })).ToBeVisibleAsync();
            Assert.True(await item.Locator("img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), $"thumbnail {i} did not load");
            await item.GetByRole(AriaRole.Button).ClickAsync();
            await AtAsync(page, at);
        }

        // Past the links' expiry (15 min), going to a time fetches the footage again first, and the player follows.
        var reads = footageReads;
        await page.Clock.FastForwardAsync("16:00");
        await strip.First.GetByRole(AriaRole.Button).ClickAsync();
        await AtAsync(page, thumbnails[0].GetProperty("at").GetDouble());
        Assert.Equal(reads + 1, footageReads);
        await page.WaitForFunctionAsync("() => document.querySelector('video.footage-video').readyState >= 1");

        await StudioWebStack.ScreenshotAsync(page, "footage-player");
    }

    /// <summary>A new seller, signed in on a fresh page, with an analysed footage: its id, and itself as the API shows it.</summary>
    private async Task<(IPage Page, string FootageId, JsonElement Footage)> SellerWithFootageAsync(string name)
    {
        var page = await stack.NewPageAsync();
        var email = await StudioActions.SignUpAsync(page, name);
        using var http = new HttpClient { BaseAddress = stack.BaseUrl };
        var token = await LogInAsync(http, email);
        var footageId = await AnalysedAsync(http, token);
        return (page, footageId, await StudioApiCalls.SendAsync(http, token, HttpMethod.Get, $"/api/v1/footage/{footageId}"));
    }

    /// <summary>Waits until the footage's player stands within 0.5 s of <paramref name="seconds"/>.</summary>
    private static Task AtAsync(IPage page, double seconds) =>
        page.WaitForFunctionAsync("at => Math.abs(document.querySelector('video.footage-video').currentTime - at) < 0.5", seconds);

    private static async Task<string> LogInAsync(HttpClient http, string email)
    {
        using var answer = await http.PostAsJsonAsync("/api/v1/auth/login", new Dictionary<string, string> { ["email"] = email, ["password"] = StudioActions.Password });
        return (await answer.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("access_token").GetString()!;
    }

    /// <summary>Uploads a footage and plays its analysis; answers its id once it is ready.</summary>
    private async Task<string> AnalysedAsync(HttpClient http, string token)
    {
        var upload = await StudioApiCalls.SendAsync(http, token, HttpMethod.Post, "/api/v1/footage", new { file_name = "talk.mp4", size_bytes = 32 });
        using var storage = new HttpClient();
        using var put = new HttpRequestMessage(HttpMethod.Put, upload.GetProperty("upload_url").GetString()) { Content = new ByteArrayContent(new byte[32]) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Created, (await storage.SendAsync(put)).StatusCode);
        var footageId = upload.GetProperty("footage_id").GetString()!;
        await StudioApiCalls.SendAsync(http, token, HttpMethod.Post, $"/api/v1/footage/{footageId}/complete");

        var job = (await TakeJobAsync(footageId)).Analysis!;
        await _worker.AnalyseAsync(job, FootageTalk.Analysis(), await Previews.Value);
        var clock = Stopwatch.StartNew();
        while ((await StudioApiCalls.SendAsync(http, token, HttpMethod.Get, $"/api/v1/footage/{footageId}")).GetProperty("status").GetString() != "ready")
        {
            Assert.True(clock.Elapsed < Patience, $"footage {footageId} was not ready within {Patience.TotalSeconds} s");
            await Task.Delay(200);
        }

        return footageId;
    }

    /// <summary>The next job of the footage off the app's footage queue, as a footage worker would take it.</summary>
    private async Task<FootageJob> TakeJobAsync(string footageId) =>
        (await _worker.TakeAsync(footageId, 1, Patience)).SingleOrDefault()
            ?? throw new TimeoutException($"No job of footage {footageId} was queued within {Patience.TotalSeconds} s.");
}
