using System.Globalization;
using Microsoft.Playwright;

namespace Serverless.Studio.Web.Tests;

/// <summary>What the browser tests and the studio's benchmark do alike: sign up, and wait for the page to get somewhere.</summary>
public static class StudioActions
{
    public const string Password = "correct-horse-battery-9";

    /// <summary>Some shot of the storyboard shows its picture.</summary>
    public const string FirstPicture = "() => [...document.querySelectorAll('ul.storyboard img')].some(i => i.complete && i.naturalWidth > 0)";

    /// <summary>Every shot of the storyboard shows its picture.</summary>
    public const string EveryPicture = """
        () => {
          const items = [...document.querySelectorAll('ul.storyboard > li')];
          return items.length > 0 && items.every(li => { const img = li.querySelector('img'); return img && img.complete && img.naturalWidth > 0; });
        }
        """;

    public static async Task<string> SignUpAsync(IPage page, string who, bool navigate = true)
    {
        var email = $"{who}-{Guid.NewGuid():N}@example.com";
        if (navigate)
        {
            await page.GotoAsync("/");
        }

        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByLabel("Username").FillAsync(who);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign up" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Projects" })).ToBeVisibleAsync();
        return email;
    }

    public static async Task WaitAsync(IPage page, string what, string predicate, TimeSpan timeout)
    {
        try
        {
            await page.WaitForFunctionAsync(predicate, null, new() { Timeout = (float)timeout.TotalMilliseconds, PollingInterval = 200 });
        }
        catch (TimeoutException)
        {
            await StudioWebStack.ScreenshotAsync(page, "timeout");
            throw new TimeoutException($"Not within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {what}.");
        }
    }
}
