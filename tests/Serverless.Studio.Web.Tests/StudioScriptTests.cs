using Microsoft.Playwright;
using Serverless.EndToEnd.Tests;

namespace Serverless.Studio.Web.Tests;

/// <summary>
/// The script pane, the character bible, a shot's line and voice, and the project's history, in chromium on the local
/// stack. Each test leaves a screenshot in artifacts/ui/.
/// </summary>
[Collection(StudioWebCollection.Name)]
public sealed class StudioScriptTests(StudioWebStack stack)
{
    /// <summary>Resolves with the seconds an audio element's source lasts once its metadata loaded (rejects on a load error).</summary>
    private const string AudioDuration = """
        a => new Promise((resolve, reject) => {
          if (a.readyState >= 1 && a.duration > 0) return resolve(a.duration);
          a.addEventListener('loadedmetadata', () => resolve(a.duration), { once: true });
          a.addEventListener('error', () => reject(new Error('audio error ' + (a.error && a.error.code))), { once: true });
          a.load();
        })
        """;

    [Fact]
    public async Task The_script_pane_shows_the_parse_points_a_refusal_at_its_line_and_the_character_bible_keeps_an_edit()
    {
        var page = await stack.NewPageAsync();
        await StudioActions.SignUpAsync(page, "writer");
        var script = await File.ReadAllTextAsync(RepositoryPaths.Sample("knock_at_the_door.en.txt"));
        await CreateAsync(page, "The storm", script);

        // The parse beside the text: the scene, and the declared characters in the bible.
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Parsed script" })).ToContainTextAsync("Old farmhouse kitchen");
        var characters = page.GetByRole(AriaRole.List, new() { Name = "Characters" });
        var ada = characters.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Ada" }) });
        await Assertions.Expect(ada).ToHaveCountAsync(1);

        // Edit Ada's appearance, colour and voice: saved under the bible's ETag, kept across a reload.
        await ada.GetByLabel("Appearance").FillAsync("A farmer in a yellow oilskin, grey braid");
        await ada.GetByLabel("Colour").FillAsync("#cc6600");
        var voices = await ada.GetByLabel("Voice", new() { Exact = true }).Locator("option").AllInnerTextsAsync();
        Assert.True(voices.Count > 2, $"voices offered: {string.Join(", ", voices)}");
        var voice = voices[^1];
        await ada.GetByLabel("Voice", new() { Exact = true }).SelectOptionAsync(voice);
        await ada.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(ada.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");

        // Her voice sample plays: a recorded clip with a length.
        await ada.GetByRole(AriaRole.Button, new() { Name = "Play voice sample" }).ClickAsync();
        var sample = ada.Locator("audio");
        await Assertions.Expect(sample).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var seconds = await sample.EvaluateAsync<double>(AudioDuration);
        Assert.True(seconds > 0.5, $"the voice sample lasts {seconds} s");

        await page.ReloadAsync();
        ada = page.GetByRole(AriaRole.List, new() { Name = "Characters" }).GetByRole(AriaRole.Listitem)
            .Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "Ada" }) });
        await Assertions.Expect(ada.GetByLabel("Appearance")).ToHaveValueAsync("A farmer in a yellow oilskin, grey braid");
        await Assertions.Expect(ada.GetByLabel("Colour")).ToHaveValueAsync("#cc6600");
        await Assertions.Expect(ada.GetByLabel("Voice", new() { Exact = true })).ToHaveValueAsync(voice);
        await StudioWebStack.ScreenshotAsync(page, "characters");

        // A line over the script's line limit: the refusal names line 4, marks it and selects it in the text.
        var lines = script.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        lines[3] = "[" + string.Concat(Enumerable.Repeat("The rain hammers the tin roof. ", 20)) + "]";
        var text = page.Locator("textarea[name=script]");
        await text.FillAsync(string.Join('\n', lines));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and parse" }).ClickAsync();
        var marked = page.Locator("mark[data-line='4']");
        await Assertions.Expect(marked).ToBeVisibleAsync();
        await Assertions.Expect(marked).ToContainTextAsync("The rain hammers");
        await Assertions.Expect(page.Locator("p.bad-line strong")).ToHaveTextAsync("Line 4:");
        await Assertions.Expect(page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "max_line_characters" })).ToBeVisibleAsync();
        var selected = await text.EvaluateAsync<int[]>("t => [t.selectionStart, t.selectionEnd]");
        var start = string.Join('\n', lines[..3]).Length + 1;
        Assert.Equal([start, start + lines[3].Length], selected);
        await StudioWebStack.ScreenshotAsync(page, "script-error");

        // On a phone the script, its parse and the characters stack in one column: nothing scrolls sideways.
        await page.SetViewportSizeAsync(390, 844);
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"), "the project page scrolls sideways on a phone");
        await StudioWebStack.ScreenshotAsync(page, "project-phone");
    }

    [Fact]
    public async Task A_shots_line_is_edited_its_voice_plays_and_the_history_lists_the_tasks()
    {
        var page = await stack.NewPageAsync();
        await StudioActions.SignUpAsync(page, "voices");
        await CreateAsync(page, "Voices", await File.ReadAllTextAsync(RepositoryPaths.Sample("knock_at_the_door.en.txt")));
        await page.GetByRole(AriaRole.Button, new() { Name = "Generate storyboard" }).ClickAsync();
        await StudioActions.WaitAsync(page, "every shot's picture is drawn", StudioActions.EveryPicture, TimeSpan.FromSeconds(90));
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate storyboard" })).ToBeEnabledAsync(new() { Timeout = 30_000 });

        // The first spoken shot's line, edited in place, is kept across a reload.
        var spoken = page.GetByRole(AriaRole.List, new() { Name = "Storyboard" }).GetByRole(AriaRole.Listitem)
            .Filter(new() { Has = page.GetByRole(AriaRole.Textbox, new() { Name = "Line" }) }).First;
        var label = await spoken.GetAttributeAsync("aria-label") ?? throw new InvalidOperationException("a shot without a name");
        await spoken.GetByRole(AriaRole.Textbox, new() { Name = "Line" }).FillAsync("Who is out there in this storm?");
        await spoken.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(spoken.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved");
        await page.ReloadAsync();
        var shot = page.GetByRole(AriaRole.List, new() { Name = "Storyboard" }).GetByRole(AriaRole.Listitem, new() { Name = label, Exact = true });
        await Assertions.Expect(shot.GetByRole(AriaRole.Textbox, new() { Name = "Line" })).ToHaveValueAsync("Who is out there in this storm?");

        // Record the voices: the shot's player gets its clip, which has a length.
        await page.GetByRole(AriaRole.Button, new() { Name = "Record voices" }).ClickAsync();
        var voice = shot.Locator("audio");
        await Assertions.Expect(voice).ToBeVisibleAsync(new() { Timeout = 90_000 });
        await Assertions.Expect(voice).ToHaveAccessibleNameAsync($"Voice of shot {label.Split(' ')[^1]}");
        var seconds = await voice.EvaluateAsync<double>(AudioDuration);
        Assert.True(seconds > 0.5, $"the shot's voice lasts {seconds} s");

        // The history lists the storyboard task (which drew the pictures too) and the voices task, each completed.
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Generate storyboard" })).ToBeEnabledAsync(new() { Timeout = 30_000 });
        var tasks = page.GetByRole(AriaRole.List, new() { Name = "Tasks" }).GetByRole(AriaRole.Listitem);
        await Assertions.Expect(tasks).ToHaveCountAsync(2);
        await Assertions.Expect(tasks.Filter(new() { HasText = "completed" })).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Webhook messages" })).ToContainTextAsync("No webhook messages");
        await StudioWebStack.ScreenshotAsync(page, "voices-history");
    }

    private static async Task CreateAsync(IPage page, string name, string script)
    {
        await page.GetByRole(AriaRole.Link, new() { Name = "New project" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.Locator("textarea").And(page.GetByLabel("Script")).FillAsync(script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
    }
}
