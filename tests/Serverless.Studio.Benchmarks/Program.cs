using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Serverless.Studio.Web.Tests;
using Serverless.Testing;

// The studio's speed on the local stack (function app and render worker as processes, Debian's chromium headless):
// (a) the first page, in a fresh browser context (cold cache), until its "Sign in" button works; (b) a 12-shot script's
// "Generate storyboard" click until the planned shots are listed, until the first shot's picture is shown, and until
// every picture is.
// Usage (infra/local/dev.sh bench ui): dotnet run -c Release --project tests/Serverless.Studio.Benchmarks -- [--output FILE]
//   [--page-runs 5] [--storyboard-runs 3]
var output = Option("--output") ?? SourceTree.File("artifacts", "bench", "ui.json");
var pageRuns = int.Parse(Option("--page-runs") ?? "5", CultureInfo.InvariantCulture);
var storyboardRuns = int.Parse(Option("--storyboard-runs") ?? "3", CultureInfo.InvariantCulture);

// Twelve lines, one shot each: short enough that none is split into two subtitle-sized shots.
const string Script = """
    Scene: Harbour at dawn
    Characters: Mei (female, fisher), Jun (male, sailor)

    [Fog lies on the water]
    Narrator: The boats have not come back.
    Mei (worried): Jun, can you see the lights?
    Jun (calm): Not yet. Give them time.
    [A bell rings far away]
    Mei (hopeful): That is the harbour bell.
    Narrator: One light, then two, then many.
    Jun (smiling): There they are.
    [The first boat touches the pier]
    Mei (relieved): Everyone is home.
    Narrator: The fog lifts as the sun comes up.
    [Gulls circle over the quiet harbour]
    """;

var stack = new StudioWebStack();
try
{
    await stack.InitializeAsync();

    var firstPage = new List<double>();
    for (var i = 0; i < pageRuns; i++)
    {
        var page = await stack.NewPageAsync();
        var clock = Stopwatch.StartNew();
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeEnabledAsync();
        firstPage.Add(clock.Elapsed.TotalMilliseconds);
        await page.Context.CloseAsync();
    }

    var planned = new List<double>();
    var firstPicture = new List<double>();
    var allPictures = new List<double>();
    var shots = 0;
    for (var i = 0; i < storyboardRuns; i++)
    {
        var page = await stack.NewPageAsync();
        await StudioActions.SignUpAsync(page, $"bench{i}");
        await page.GetByRole(AriaRole.Link, new() { Name = "New project" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync($"Harbour {i + 1}");
        await page.Locator("textarea").And(page.GetByLabel("Script")).FillAsync(Script);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        var generate = page.GetByRole(AriaRole.Button, new() { Name = "Generate storyboard" });
        await Assertions.Expect(generate).ToBeEnabledAsync();

        var clock = Stopwatch.StartNew();
        await generate.ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('ul.storyboard > li') !== null", null, new() { Timeout = 60_000 });
        planned.Add(clock.Elapsed.TotalMilliseconds);
        // Polled every animation frame, so the figure is not rounded up to a polling interval.
        await page.WaitForFunctionAsync(StudioActions.FirstPicture, null, new() { Timeout = 60_000 });
        firstPicture.Add(clock.Elapsed.TotalMilliseconds);
        await StudioActions.WaitAsync(page, "every picture", StudioActions.EveryPicture, TimeSpan.FromSeconds(120));
        allPictures.Add(clock.Elapsed.TotalMilliseconds);
        shots = await page.Locator("ul.storyboard > li").CountAsync();
        await page.Context.CloseAsync();
    }

    var results = new JsonObject
    {
        ["measured_at"] = DateTimeOffset.UtcNow,
        ["first_page_interactive_ms"] = Summary(firstPage),
        ["first_page_goal_ms"] = 1500,
        ["storyboard_shots"] = shots,
        ["storyboard_planned_ms"] = Summary(planned),
        ["storyboard_first_picture_ms"] = Summary(firstPicture),
        ["storyboard_first_picture_goal_ms"] = 2000,
        ["storyboard_all_pictures_ms"] = Summary(allPictures),
        ["note"] = "Local stack, chromium headless, a fresh browser context per run; median and max of the runs, the first run included.",
    };
    await BenchmarkReport.WriteAsync(results, output);
    return 0;
}
finally
{
    await stack.DisposeAsync();
}

static JsonObject Summary(List<double> runs)
{
    var sorted = runs.Order().ToArray();
    return new JsonObject
    {
        ["median"] = Math.Round(sorted[sorted.Length / 2]),
        ["max"] = Math.Round(sorted[^1]),
        ["runs"] = new JsonArray([.. runs.Select(r => (JsonNode)Math.Round(r))]),
    };
}

static string? Option(string name)
{
    var args = Environment.GetCommandLineArgs();
    var at = Array.IndexOf(args, name);
    return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
}
