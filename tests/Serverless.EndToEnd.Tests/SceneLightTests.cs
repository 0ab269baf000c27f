using System.Net;
using System.Text.Json;
using SkiaSharp;
using Xunit.Abstractions;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// Issue 17 in the rendered file: one place by night and by day, drawn by the offline illustrator, rendered as a
/// preview by the worker, and the night scene's frames are darker than the day scene's.
/// </summary>
[Collection(StudioStackCollection.Name)]
public sealed class SceneLightTests(StudioStack stack, ITestOutputHelper output)
{
    // The same place twice, so that the light is the only thing the scenes' pictures differ in by design.
    private const string Script = """
        EXT. CITY PARK - NIGHT

        ANNA walks along the path under the trees.

        ANNA
        It is so quiet here tonight.

        EXT. CITY PARK - DAY

        ANNA sits on a bench in the sun.

        ANNA
        Everything looks different by day.
        """;

    /// <summary>Mean luma levels (of 255) the night frame is at least darker by.</summary>
    private const double NightDarkerBy = 20;

    [Fact]
    public async Task A_night_scene_is_darker_than_a_day_scene_in_the_rendered_video()
    {
        var created = await stack.Client.DataAsync(await stack.Client.PostJsonAsync("api/v1/projects",
            JsonSerializer.Serialize(new { name = "Night and day", aspect_ratio = "1:1", script = Script })));
        var projectId = created.GetProperty("id").GetString()!;
        var accepted = await stack.Client.PostJsonAsync($"api/v1/projects/{projectId}/render/preview", "{}");
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var task = await stack.Client.WaitForTaskAsync((await stack.Client.DataAsync(accepted)).GetProperty("task_id").GetString()!, TimeSpan.FromMinutes(3));
        Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());

        var shots = (await stack.Client.DataAsync(await stack.Client.GetAsync($"api/v1/projects/{projectId}/storyboard"))).GetProperty("shots").EnumerateArray().ToList();
        var video = await stack.Client.DownloadVideoAsync(projectId);
        var luma = new Dictionary<string, double>();
        foreach (var light in new[] { "night", "day" })
        {
            var (from, to) = SceneSpan(shots, light);
            using var frame = await MediaProbe.FrameAsync(video, (from + to) / 2);
            // Above the subtitle band, whose white lettering is the same by night and by day.
            luma[light] = MediaProbe.MeanLuminance(frame, new SKRectI(0, 0, frame.Width, frame.Height * 2 / 3));
        }

        output.WriteLine($"mean luma by night {luma["night"]:F1}, by day {luma["day"]:F1}");
        Assert.True(luma["day"] - luma["night"] >= NightDarkerBy, $"mean luma by night {luma["night"]:F1}, by day {luma["day"]:F1}");
    }

    /// <summary>Where the shots of the scene set at <paramref name="timeOfDay"/> lie on the video's timeline, in seconds.</summary>
    private static (double From, double To) SceneSpan(List<JsonElement> shots, string timeOfDay)
    {
        var start = 0.0;
        double? from = null;
        var to = 0.0;
        foreach (var shot in shots)
        {
            var duration = shot.GetProperty("duration").GetDouble();
            if (shot.GetProperty("setting").GetProperty("time_of_day").GetString() == timeOfDay)
            {
                from ??= start;
                to = start + duration;
            }

            start += duration;
        }

        Assert.True(from is not null, $"no shot is set at {timeOfDay}");
        return (from.Value, to);
    }
}
