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
/// with its download link once its render lands.
/// </summary>
[Collection(StudioWebCollection.Name)]
public sealed class FootagePageTests(StudioWebStack stack)
{
    // A fresh task hub takes its partitions first: the first orchestration may wait some 30 s on the loaded 2 cores.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly FootageWorkerPlay _worker = new(LocalStack.StorageConnectionString, stack.FootageQueue, stack.ResultsQueue);

    [Fact]
    public async Task A_seller_drags_a_highlights_edge_and_gets_the_clip_of_the_adjusted_span()
    {
        var page = await stack.NewPageAsync();
        var email = await StudioActions.SignUpAsync(page, "seller");
        using var http = new HttpClient { BaseAddress = stack.BaseUrl };
        var token = await LogInAsync(http, email);
        var footageId = await AnalysedAsync(http, token);
        var footage = await StudioApiCalls.SendAsync(http, token, HttpMethod.Get, $"/api/v1/footage/{footageId}");
        var first = footage.GetProperty("highlights")[0];
        var (start, end) = (first.GetProperty("start").GetDouble(), first.GetProperty("end").GetDouble());

        await page.GetByRole(AriaRole.Link, new() { Name = "Footage" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "talk.mp4" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "talk.mp4" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("p.transcript mark[data-highlight='hl_1']")).ToContainTextAsync("forty nine dollars");

        // Drag hl_1's start 5 s in (or out, for a short one), then one arrow key on: 4.5 s moved in all.
        var direction = end - start > 30 ? 1 : -1;
        var edge = page.GetByRole(AriaRole.Slider, new() { Name = "Start of hl_1" });
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
        await _worker.AnalyseAsync(job, FootageTalk.Analysis());
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
