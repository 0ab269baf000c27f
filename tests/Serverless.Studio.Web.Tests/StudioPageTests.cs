using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Serverless.EndToEnd.Tests;

namespace Serverless.Studio.Web.Tests;

/// <summary>
/// The studio as a creator uses it, in chromium: sign up, write a project from a sample script, watch its storyboard
/// being drawn, edit a shot, render a preview and play it to its end, approve, render the final and download it;
/// another user cannot open the project. Each test leaves a screenshot in artifacts/ui/.
/// </summary>
[Collection(StudioWebCollection.Name)]
public sealed partial class StudioPageTests(StudioWebStack stack)
{
    private static readonly TimeSpan Render = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_creator_writes_reviews_renders_and_downloads_a_video()
    {
        var page = await stack.NewPageAsync();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeEnabledAsync();
        var email = await StudioActions.SignUpAsync(page, "creator", navigate: false);

        await page.GetByRole(AriaRole.Link, new() { Name = "New project" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync("Knock at the door");
        var script = await File.ReadAllTextAsync(RepositoryPaths.Sample("knock_at_the_door.en.txt"));
        await page.Locator("textarea").And(page.GetByLabel("Script")).FillAsync(script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(ProjectUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Knock at the door" })).ToBeVisibleAsync();

        // The storyboard appears and every shot's picture is drawn while the page polls, without a reload.
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate storyboard" }).ClickAsync();
        await StudioActions.WaitAsync(page, "a first picture", StudioActions.FirstPicture, TimeSpan.FromSeconds(60));
        var storyboard = page.GetByRole(AriaRole.List, new() { Name = "Storyboard" });
        var shots = storyboard.GetByRole(AriaRole.Listitem);
        await Assertions.Expect(shots.First).ToBeVisibleAsync(new() { Timeout = 60_000 });
        await StudioActions.WaitAsync(page, "every shot's picture is drawn", StudioActions.EveryPicture, TimeSpan.FromSeconds(60));
        var count = await shots.CountAsync();
        Assert.True(count >= 3, $"{count} shots");
        Assert.Equal(count, await storyboard.GetByRole(AriaRole.Img).CountAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate storyboard" })).ToBeEnabledAsync(new() { Timeout = 30_000 });

        // Edit the first shot's duration in place: the server keeps it.
        var first = shots.First;
        await first.GetByLabel("Duration (s)").FillAsync("4.5");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Storyboard" }).GetByRole(AriaRole.Listitem).First.GetByLabel("Duration (s)"))
            .ToHaveValueAsync("4.5");
        await StudioActions.WaitAsync(page, "the pictures are shown again after the reload", StudioActions.EveryPicture, TimeSpan.FromSeconds(20));
        await StudioWebStack.ScreenshotAsync(page, "storyboard");

        // Regenerate the first shot with a prompt override: its picture is replaced without a reload.
        shots = page.GetByRole(AriaRole.List, new() { Name = "Storyboard" }).GetByRole(AriaRole.Listitem);
        first = shots.First;
        var before = await first.GetByRole(AriaRole.Img).GetAttributeAsync("src");
        await first.Locator("details.regen summary").ClickAsync();
        await first.GetByLabel("Prompt override").FillAsync("A lighthouse on a cliff at dawn");
        await first.Locator("details.regen button[type=submit]").ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Img)).Not.ToHaveAttributeAsync("src", before!, new() { Timeout = 60_000 });
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate storyboard" })).ToBeEnabledAsync(new() { Timeout = 30_000 });

        // A stale edit: the storyboard changed elsewhere (another session), so saving answers 409 and offers a reload.
        using (var http = new HttpClient { BaseAddress = stack.BaseUrl })
        {
            var token = await LoginAsync(http, email);
            var projectId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
            using var read = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/projects/{projectId}/storyboard");
            read.Headers.Authorization = new("Bearer", token);
            using var board = await http.SendAsync(read);
            var shotId = (await board.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("data").GetProperty("shots")[1].GetProperty("id").GetString();
            using var edit = new HttpRequestMessage(HttpMethod.Patch, $"/api/v1/projects/{projectId}/shots/{shotId}")
            {
                Content = JsonContent.Create(new Dictionary<string, object> { ["duration"] = 3.0 }),
            };
            edit.Headers.Authorization = new("Bearer", token);
            edit.Headers.TryAddWithoutValidation("If-Match", board.Headers.ETag!.ToString());
            Assert.True((await http.SendAsync(edit)).IsSuccessStatusCode);
        }

        var second = shots.Nth(1);
        await second.GetByLabel("Duration (s)").FillAsync("2.5");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Alert)).ToContainTextAsync("10002");
        await second.GetByRole(AriaRole.Button, new() { Name = "Reload storyboard" }).ClickAsync();
        await Assertions.Expect(second.GetByLabel("Duration (s)")).ToHaveValueAsync("3.0");

        // Render a preview: the render waits for approval, then shows its progress, then plays to its end.
        await page.GetByRole(AriaRole.Button, new() { Name = "Render preview" }).ClickAsync();
        await ApproveAsync(page);
        await Assertions.Expect(page.Locator("progress")).ToBeVisibleAsync();
        var video = page.Locator("video");
        await Assertions.Expect(video).ToBeVisibleAsync(new() { Timeout = (float)Render.TotalMilliseconds });
        var duration = await video.EvaluateAsync<double>("""
            v => new Promise((resolve, reject) => {
              const go = () => { v.muted = true; v.playbackRate = 4; v.play().catch(reject); };
              v.addEventListener('ended', () => resolve(v.duration), { once: true });
              v.addEventListener('error', () => reject(new Error('video error ' + (v.error && v.error.code))), { once: true });
              if (v.readyState >= 1) go(); else v.addEventListener('loadedmetadata', go, { once: true });
            })
            """);
        Assert.True(duration > 3, $"the preview lasts {duration} s");
        Assert.True(await video.EvaluateAsync<bool>("v => v.ended"));
        await StudioWebStack.ScreenshotAsync(page, "preview");

        // Edit a subtitle beside the player: the final render is made with it.
        var cue = page.GetByRole(AriaRole.List, new() { Name = "Subtitles" }).GetByRole(AriaRole.Listitem).First;
        await cue.GetByLabel("Text").FillAsync("Who knocks on a night like this?");
        await cue.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        try
        {
            await Assertions.Expect(cue.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        }
        catch (PlaywrightException e)
        {
            await StudioWebStack.ScreenshotAsync(page, "subtitle-failed");
            throw new InvalidOperationException($"The subtitle was not saved: {await cue.InnerTextAsync()}", e);
        }

        // The final render, then the download.
        await page.GetByRole(AriaRole.Button, new() { Name = "Render final" }).ClickAsync();
        await ApproveAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "completed" }))
            .ToBeVisibleAsync(new() { Timeout = (float)Render.TotalMilliseconds });
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());
        var saved = Path.Combine(Path.GetTempPath(), $"studio-ui-{Guid.NewGuid():N}.mp4");
        await download.SaveAsAsync(saved);
        try
        {
            var head = new byte[12];
            await using (var file = File.OpenRead(saved))
            {
                await file.ReadExactlyAsync(head);
            }

            Assert.Equal("ftyp", System.Text.Encoding.ASCII.GetString(head, 4, 4));
        }
        finally
        {
            File.Delete(saved);
        }

        await StudioWebStack.ScreenshotAsync(page, "final");
    }

    [Fact]
    public async Task Another_user_opening_a_project_url_sees_not_found()
    {
        // The owner makes a project through the API; another user opens its address in the studio.
        using var http = new HttpClient { BaseAddress = stack.BaseUrl };
        var owner = await RegisterAsync(http, "owner");
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/projects")
        {
            Content = JsonContent.Create(new Dictionary<string, object> { ["name"] = "Private", ["script"] = "Narrator: Nobody else may see this." }),
        };
        create.Headers.Authorization = new("Bearer", owner);
        var created = await (await http.SendAsync(create)).Content.ReadFromJsonAsync<JsonElement>();
        var projectId = created.GetProperty("data").GetProperty("id").GetString();

        var page = await stack.NewPageAsync();
        await StudioActions.SignUpAsync(page, "intruder");
        await page.GotoAsync($"/projects/{projectId}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Project not found" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("not found");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate storyboard" })).ToHaveCountAsync(0);
        await StudioWebStack.ScreenshotAsync(page, "not-found");
    }

    [Fact]
    public async Task The_studio_speaks_chinese_fits_a_phone_and_keeps_the_session_across_a_reload()
    {
        var page = await stack.NewPageAsync(locale: "zh-CN", width: 390, height: 844);
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "登录" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByLabel("邮箱")).ToBeVisibleAsync();
        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the sign-in page scrolls sideways on a phone");

        // A wrong password is shown next to the form with the envelope's code.
        await page.GetByLabel("邮箱").FillAsync($"nobody-{Guid.NewGuid():N}@example.com");
        await page.GetByLabel("密码").FillAsync("wrong-password-1");
        await page.GetByRole(AriaRole.Button, new() { Name = "登录" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync(ErrorCode());

        // Switched to English, the labels follow; a session survives a reload through the refresh token.
        await page.GetByLabel("语言").SelectOptionAsync("en");
        await StudioActions.SignUpAsync(page, "phone", navigate: false);
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "New project" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("No projects yet.")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Tab");
        var focused = await page.EvaluateAsync<string>("() => document.activeElement?.textContent ?? ''");
        Assert.False(string.IsNullOrWhiteSpace(focused), "the keyboard reaches the page's controls");
        await StudioWebStack.ScreenshotAsync(page, "phone");

        // The API keys page: a new key's secret is shown once, the list shows its prefix, and it can be deleted.
        await page.GetByRole(AriaRole.Link, new() { Name = "API keys" }).ClickAsync();
        await page.GetByLabel("Key name").FillAsync("ci");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        await Assertions.Expect(page.Locator("p.issued code")).Not.ToBeEmptyAsync();
        var keys = page.GetByRole(AriaRole.List, new() { Name = "API keys" });
        await Assertions.Expect(keys.GetByRole(AriaRole.Listitem)).ToHaveCountAsync(1);
        await keys.GetByRole(AriaRole.Button, new() { Name = "Delete ci" }).ClickAsync();
        await Assertions.Expect(keys).ToContainTextAsync("No API keys yet.");
    }

    private const string Password = StudioActions.Password;

    private static async Task<string> LoginAsync(HttpClient http, string email)
    {
        var answer = await http.PostAsJsonAsync("/api/v1/auth/login", new Dictionary<string, string> { ["email"] = email, ["password"] = Password });
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("data").GetProperty("access_token").GetString()!;
    }

    private static async Task ApproveAsync(IPage page)
    {
        var approve = page.GetByRole(AriaRole.Button, new() { Name = "Approve" });
        await Assertions.Expect(approve).ToBeEnabledAsync(new() { Timeout = (float)Render.TotalMilliseconds });
        await approve.ClickAsync();
    }

    private static async Task<string> RegisterAsync(HttpClient http, string who)
    {
        var answer = await http.PostAsJsonAsync("/api/v1/auth/register", new Dictionary<string, string>
        {
            ["email"] = $"{who}-{Guid.NewGuid():N}@example.com",
            ["password"] = Password,
            ["username"] = who,
        });
        var body = await answer.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("data").GetProperty("access_token").GetString()!;
    }

    [GeneratedRegex("/projects/prj_[0-9a-f]+$")]
    private static partial Regex ProjectUrl();

    [GeneratedRegex("2\\d{4}")]
    private static partial Regex ErrorCode();
}
