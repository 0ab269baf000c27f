using System.Text.Json;
using Serverless.Studio.Pipeline;
using Serverless.Testing.Ocr;
using SkiaSharp;

namespace Serverless.EndToEnd.Tests;

/// <summary>A script becomes a real video through the HTTP API, the durable pipeline and the render worker.</summary>
[Collection(StudioStackCollection.Name)]
public sealed class VideoPipelineTests(StudioStack stack)
{
    private static readonly TimeSpan VideoTimeout = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task Confession_sample_becomes_a_vertical_video_with_speech_pictures_and_subtitles()
    {
        var script = await File.ReadAllTextAsync(RepositoryPaths.Sample("confession.zh.txt"));
        var accepted = await stack.Client.SubmitAsync(script);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, accepted.StatusCode);
        var started = await stack.Client.DataAsync(accepted);
        var taskId = started.GetProperty("task_id").GetString()!;
        var projectId = started.GetProperty("project_id").GetString()!;
        Assert.Equal($"/api/v1/tasks/{taskId}", accepted.Headers.Location?.ToString());

        var task = await stack.Client.WaitForTaskAsync(taskId, VideoTimeout);
        Assert.True(task.GetProperty("status").GetString() == "completed", task.ToString());
        Assert.Equal(100, task.GetProperty("progress").GetInt32());

        var storyboard = await stack.Client.DataAsync(await stack.Client.GetAsync($"api/v1/projects/{projectId}/storyboard"));
        var shots = storyboard.GetProperty("shots").EnumerateArray().ToList();
        Assert.Equal(9, shots.Count);
        var planned = shots.Sum(s => s.GetProperty("duration").GetDouble());
        // Without Azure OpenAI configured, the offline providers drew and spoke everything, and each shot says so.
        Assert.All(shots, s => Assert.Equal("offline", s.GetProperty("image_provider").GetString()));
        Assert.All(shots.Where(s => s.GetProperty("line_type").GetString() != "action"), s => Assert.Equal("offline", s.GetProperty("voice_provider").GetString()));

        var video = await stack.Client.DownloadVideoAsync(projectId);
        var info = await MediaProbe.ProbeAsync(video);
        Assert.Equal(("h264", "aac", 1080, 1920), (info.VideoCodec, info.AudioCodec, info.Width, info.Height));
        Assert.InRange(info.Duration, planned * 0.9, planned * 1.1);
        Assert.True(await MediaProbe.MeanVolumeAsync(video) > -50, "the speech is not audible");

        // Every shot shows a drawn picture, and every spoken line is subtitled readably while it is spoken.
        using var ocr = FrameTextReader.Load();
        var start = 0.0;
        foreach (var shot in shots)
        {
            var duration = shot.GetProperty("duration").GetDouble();
            using var frame = await MediaProbe.FrameAsync(video, start + RenderTimeline.VoiceLeadSeconds + 0.6);
            Assert.True(MediaProbe.LuminanceSpread(frame, new SKRectI(0, 0, frame.Width, frame.Height)) > 10, $"shot {shot.GetProperty("id")} looks blank");
            if (shot.GetProperty("line_type").GetString() != "action")
            {
                var expected = shot.GetProperty("text").GetString()!;
                var subtitleBand = new SKRectI(0, frame.Height * 3 / 4, frame.Width, frame.Height);
                var read = ocr.ReadAll(frame, subtitleBand).Replace("\n", "", StringComparison.Ordinal);
                // Dialogue subtitles carry the speaker's name ("小红：..."); narration none.
                var speaker = shot.TryGetProperty("character", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                var errorRate = Math.Min(
                    TextSimilarity.CharacterErrorRate(expected, read),
                    speaker is null ? 1 : TextSimilarity.CharacterErrorRate($"{speaker}：{expected}", read));
                Assert.True(errorRate < 0.2, $"shot {shot.GetProperty("id")}: subtitle '{expected}' read back as '{read}' ({errorRate:P0} wrong)");
            }

            start += duration;
        }
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   \n\t  ", "empty")]
    public async Task An_empty_script_ends_failed_with_a_readable_reason(string script, string reason)
    {
        var task = await SubmitAndWaitAsync(script);

        Assert.Equal("failed", task.GetProperty("status").GetString());
        var error = task.GetProperty("error");
        Assert.Equal(10002, error.GetProperty("code").GetInt32());
        Assert.Contains(reason, error.GetProperty("message").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Text_that_is_not_a_screenplay_ends_failed_with_a_readable_reason()
    {
        var task = await SubmitAndWaitAsync("\u0001\u0002 }{ %%% \u0007");

        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Equal(10002, task.GetProperty("error").GetProperty("code").GetInt32());
        Assert.StartsWith("The script could not be used:", task.GetProperty("error").GetProperty("message").GetString());
    }

    private async Task<JsonElement> SubmitAndWaitAsync(string script)
    {
        var started = await stack.Client.DataAsync(await stack.Client.SubmitAsync(script));
        return await stack.Client.WaitForTaskAsync(started.GetProperty("task_id").GetString()!, TimeSpan.FromSeconds(60));
    }
}
