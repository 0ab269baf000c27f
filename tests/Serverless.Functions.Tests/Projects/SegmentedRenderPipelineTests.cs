using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Hosting;
using Serverless.Contracts;
using Serverless.Contracts.Rendering;
using Serverless.Functions.Tests.Accounts;

namespace Serverless.Functions.Tests.Projects;

/// <summary>The app with final renders longer than 10 s split into segments (the shortest segment length allowed).</summary>
public sealed class SegmentedAppFactory : StudioAppFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Studio:SegmentSeconds", "10");
    }
}

/// <summary>
/// Issue 13 on the running engine, the worker played by the test: a long video's orchestration queues every segment
/// job at once, queues the join only when each segment has reported, and a join that fails its self-check fails the
/// video with code 30004 and the checks kept on the task.
/// </summary>
public sealed class SegmentedRenderPipelineTests(SegmentedAppFactory app) : IClassFixture<SegmentedAppFactory>
{
    private const string Script = "旁白: 清晨，城市慢慢醒来。\n小明(开心): 今天我们去公园吧！\n小红(平静): 好啊，我带上相机。\n旁白: 他们走过安静的街道。\n小明(惊讶): 你看，湖边有天鹅！";
    private readonly HttpClient _client = app.CreateClient();

    [Fact]
    public async Task Segments_fan_out_at_once_the_join_follows_them_and_its_failed_self_check_stays_on_the_task()
    {
        var user = await ApiClient.RegisterAsync(_client);
        var api = new ProjectsClient(_client, app.RenderQueue);
        var accepted = await api.SendAsync(user, HttpMethod.Post, "/api/v1/videos", new { script = Script }, HttpStatusCode.Accepted);
        var (taskId, projectId) = (ProjectsClient.TaskIdOf(accepted), accepted.GetProperty("data").GetProperty("project_id").GetString()!);

        var segments = await QueuedAsync(projectId, jobs => jobs.Count(j => j.Segment is not null) >= 2, j => j.Segment is not null);
        Assert.Equal(Enumerable.Range(0, segments.Count), segments.Select(s => s.Segment!.Index).Order());
        Assert.All(segments, s => Assert.StartsWith($"{taskId}-render-part", s.JobId, StringComparison.Ordinal));
        Assert.All(segments, s => Assert.Empty(s.Voices));
        Assert.Equal(0, segments.Min(s => s.Segment!.FirstShot));

        // Every segment is queued before any has reported; the join waits for all of them.
        var instance = segments[0].OrchestrationInstanceId;
        foreach (var segment in segments.OrderBy(s => s.Segment!.Index).SkipLast(1))
        {
            await ReportAsync(instance, new RenderCompleted { JobId = segment.JobId, Succeeded = true, Video = segment.Destination, DurationSeconds = 5 });
        }

        await Task.Delay(2000);
        Assert.DoesNotContain(await PeekAsync(projectId), j => j.JoinSegments is not null);
        var last = segments.MaxBy(s => s.Segment!.Index)!;
        await ReportAsync(instance, new RenderCompleted { JobId = last.JobId, Succeeded = true, Video = last.Destination, DurationSeconds = 5 });

        var join = (await QueuedAsync(projectId, jobs => jobs.Any(j => j.JoinSegments is not null), j => j.JoinSegments is not null)).Single();
        Assert.Equal($"{taskId}-render", join.JobId);
        Assert.Equal(segments.OrderBy(s => s.Segment!.Index).Select(s => s.Destination), join.JoinSegments!.Select(s => s.Video));
        Assert.NotEmpty(join.Voices);

        var qc = new Dictionary<string, QualityCheck>
        {
            ["loudness"] = new(-31.5, false, "-31.5 LUFS, not -14 +/- 0.5"),
            ["duration"] = new(16.2, true),
        };
        await ReportAsync(instance, new RenderCompleted { JobId = join.JobId, Succeeded = false, Error = "The finished video failed its self-check: loudness", Qc = qc });

        var task = await api.WaitForTaskAsync(user, taskId, "completed", "failed");
        Assert.Equal("failed", task.GetProperty("status").GetString());
        Assert.Equal(30004, task.GetProperty("error").GetProperty("code").GetInt32());
        var loudness = task.GetProperty("qc").GetProperty("loudness");
        Assert.False(loudness.GetProperty("passed").GetBoolean());
        Assert.Equal(-31.5, loudness.GetProperty("value").GetDouble());
        Assert.True(task.GetProperty("qc").GetProperty("duration").GetProperty("passed").GetBoolean());
    }

    private async Task ReportAsync(string instanceId, RenderCompleted completed)
    {
        var queue = new QueueClient(LocalStack.StorageConnectionString, app.ResultsQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        await queue.CreateIfNotExistsAsync();
        await queue.SendMessageAsync(BinaryData.FromObjectAsJson(JobResult.Completed(instanceId, completed), JobJson.Options));
    }

    private async Task<List<RenderJob>> QueuedAsync(string projectId, Func<IReadOnlyList<RenderJob>, bool> until, Func<RenderJob, bool> which)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ProjectsClient.Patience)
        {
            var jobs = await PeekAsync(projectId);
            if (until(jobs))
            {
                return jobs.Where(which).ToList();
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"the jobs of project {projectId} were not queued");
    }

    private async Task<List<RenderJob>> PeekAsync(string projectId)
    {
        var queue = new QueueClient(LocalStack.StorageConnectionString, app.RenderQueue, new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 });
        if (!await queue.ExistsAsync())
        {
            return [];
        }

        return (await queue.PeekMessagesAsync(32)).Value
            .Select(m => m.Body.ToObjectFromJson<RenderJob>(JobJson.Options))
            .Where(j => j is not null && j.ProjectId == projectId)
            .Select(j => j!)
            .ToList();
    }
}
