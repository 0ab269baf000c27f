using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using Serverless.Studio.Pipeline;
using Serverless.Testing.Ocr;
using SkiaSharp;

namespace Serverless.EndToEnd.Tests;

/// <summary>
/// A final render asked for with catalog music, a watermark, a subtitle preset and MOV: the task shows the worker's
/// progress while it renders, and the file has the music ducked under speech and the mark in its corner.
/// </summary>
[Collection(StudioStackCollection.Name)]
public sealed class RenderLookTests(StudioStack stack)
{
    // A tone high enough that the offline voices put little energy in its narrow band, so its level is the music's.
    private const double MusicHertz = 6000;

    private const string Script = """
        Scene: Kitchen, morning
        Characters: Mia (female, barista)
        [Mia wipes the long counter slowly while the kettle starts to hum.]
        Mia: Good morning, the first coffee of the day is almost ready for you.
        [She turns to the window and watches the rain for a while.]
        Mia: Take a seat anywhere you like, I will bring it over.
        """;

    [Fact]
    public async Task Final_render_with_music_and_watermark_reports_progress_and_ducks_music_under_speech()
    {
        var category = "e2e" + Guid.NewGuid().ToString("N")[..12];
        await PublishToneAsync(category);

        var created = await stack.Client.DataAsync(await stack.Client.PostJsonAsync("api/v1/projects", JsonSerializer.Serialize(new
        {
            name = "Look test",
            style = "comic",
            aspect_ratio = "1:1",
            script = Script,
        })));
        var projectId = created.GetProperty("id").GetString()!;

        var render = new JsonObject
        {
            ["resolution"] = "720p",
            ["format"] = "mov",
            ["subtitle_style"] = "bold",
            ["watermark"] = new JsonObject { ["text"] = "ACME", ["position"] = "top_left", ["opacity"] = 1 },
            ["music"] = category,
        };
        var accepted = await stack.Client.PostJsonAsync($"api/v1/projects/{projectId}/render/final", render.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var taskId = (await stack.Client.DataAsync(accepted)).GetProperty("task_id").GetString()!;

        var renderViews = new List<JsonElement>();
        var task = await stack.Client.WaitForTaskAsync(taskId, TimeSpan.FromMinutes(5), t =>
        {
            if (t.GetProperty("current_step").GetString()!.StartsWith(PipelineStage.Render.Description + ":", StringComparison.Ordinal))
            {
                renderViews.Add(t.Clone());
            }

            return t.GetProperty("status").GetString() is "completed" or "failed";
        });
        Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());

        // At least one view came from the worker's own reports, inside the render stage's share of the bar.
        Assert.NotEmpty(renderViews);
        var assetsEnd = PipelineStage.Assets.ProgressAtEnd;
        Assert.All(renderViews, v => Assert.InRange(v.GetProperty("progress").GetInt32(), assetsEnd, PipelineStage.Render.ProgressAtEnd - 1));
        Assert.Contains(renderViews, v => v.GetProperty("current_step").GetString()!.EndsWith(": encoding", StringComparison.Ordinal)
            || v.GetProperty("progress").GetInt32() > assetsEnd);

        var video = await stack.Client.DownloadVideoAsync(projectId);
        var info = await MediaProbe.ProbeAsync(video);
        Assert.Equal(("h264", "aac", 720, 720), (info.VideoCodec, info.AudioCodec, info.Width, info.Height));
        Assert.Equal("qt", await MediaProbe.MajorBrandAsync(video));

        var storyboard = await stack.Client.DataAsync(await stack.Client.GetAsync($"api/v1/projects/{projectId}/storyboard"));
        var (speech, quiet) = Windows(storyboard);
        Assert.NotEmpty(speech);
        Assert.NotEmpty(quiet);
        var underSpeech = new List<double>();
        foreach (var (from, to) in speech)
        {
            underSpeech.Add(await MediaProbe.BandVolumeAsync(video, MusicHertz, from, to));
        }

        var betweenLines = new List<double>();
        foreach (var (from, to) in quiet)
        {
            betweenLines.Add(await MediaProbe.BandVolumeAsync(video, MusicHertz, from, to));
        }

        Assert.True(betweenLines.Min() > -45, $"the music is not audible between lines: {string.Join(", ", betweenLines.Select(v => v.ToString("F1")))} dB");
        Assert.True(betweenLines.Average() - underSpeech.Average() > 4,
            $"music under speech {string.Join(", ", underSpeech.Select(v => v.ToString("F1")))} dB against {string.Join(", ", betweenLines.Select(v => v.ToString("F1")))} dB between lines");

        // The mark is read in the top-left corner of a frame, and not in the opposite one.
        using var ocr = FrameTextReader.Load();
        using var frame = await MediaProbe.FrameAsync(video, quiet[0].From);
        var topLeft = ocr.ReadAll(frame, new SKRectI(0, 0, frame.Width / 2, frame.Height / 4));
        var bottomRight = ocr.ReadAll(frame, new SKRectI(frame.Width / 2, frame.Height * 3 / 4, frame.Width, frame.Height));
        Assert.Contains("ACME", topLeft.ToUpperInvariant(), StringComparison.Ordinal);
        Assert.DoesNotContain("ACME", bottomRight.ToUpperInvariant(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_music_or_look_settings_answer_400_with_the_field()
    {
        var created = await stack.Client.DataAsync(await stack.Client.PostJsonAsync("api/v1/projects", JsonSerializer.Serialize(new { name = "Bad look", script = Script })));
        var projectId = created.GetProperty("id").GetString()!;

        foreach (var (body, field) in new[]
        {
            ("""{"music":"no-such-category-anywhere"}""", "music"),
            ("""{"subtitle_style":"neon"}""", "subtitle_style"),
            ("""{"format":"avi"}""", "format"),
            ("""{"watermark":{"text":""}}""", "watermark.text"),
            ("""{"watermark":{"text":"ok","position":"middle"}}""", "watermark.position"),
        })
        {
            var response = await stack.Client.PostJsonAsync($"api/v1/projects/{projectId}/render/final", body);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{body}: {response.StatusCode} {text}");
            Assert.Contains("10002", text, StringComparison.Ordinal);
            Assert.Contains(field, text, StringComparison.Ordinal);
        }

        var video = await stack.Client.PostJsonAsync("api/v1/videos", """{"script":"Mia: Hello.","music":"no-such-category-anywhere"}""");
        Assert.Equal(HttpStatusCode.BadRequest, video.StatusCode);
    }

    /// <summary>Uploads a 3 s tone as the only track of a new category and refreshes the catalog until it is listed.</summary>
    private async Task PublishToneAsync(string category)
    {
        var tone = Path.Combine(Path.GetTempPath(), $"{category}.wav");
        await MediaProbe.ToneAsync(tone, MusicHertz, 3);
        var container = new BlobContainerClient(LocalStack.StorageConnectionString, "catalog");
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient($"bgm/{category}/tone.wav").UploadAsync(tone, overwrite: true);
        File.Delete(tone);

        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var listed = await (await stack.Client.GetAsync($"api/v1/audio/bgm?category={category}")).Content.ReadAsStringAsync();
            if (listed.Contains($"bgm/{category}/tone.wav", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"The catalog did not list bgm/{category}/tone.wav within 60 s.");
    }

    /// <summary>
    /// Where someone speaks (the middle of each spoken line) and where nobody does (the middle of each action shot), on
    /// the video's timeline, from the storyboard fitted to the recorded speech.
    /// </summary>
    private static (List<(double From, double To)> Speech, List<(double From, double To)> Quiet) Windows(JsonElement storyboard)
    {
        var speech = new List<(double, double)>();
        var quiet = new List<(double, double)>();
        var start = 0.0;
        foreach (var shot in storyboard.GetProperty("shots").EnumerateArray())
        {
            var duration = shot.GetProperty("duration").GetDouble();
            if (shot.GetProperty("line_type").GetString() == "action")
            {
                // Clear of the previous line's release (0.5 s) and of the next shot's transition.
                if (duration > 1.8)
                {
                    quiet.Add((start + 0.9, start + duration - 0.6));
                }
            }
            else if (duration > 2)
            {
                speech.Add((start + RenderTimeline.VoiceLeadSeconds + 0.4, start + duration - 1.0));
            }

            start += duration;
        }

        return (speech, quiet);
    }
}
