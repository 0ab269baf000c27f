using Serverless.Studio.Orchestrations;
using Microsoft.Extensions.Logging;
using Serverless.Contracts.Rendering;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Studio.Accounts;
using Serverless.Studio.Catalog;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Tasks;
using Serverless.Studio.Videos;

namespace Serverless.Studio.Projects;

/// <summary>
/// The long steps of a project, each a task followed at <c>GET /api/v1/tasks/{id}</c>: a storyboard, a preview or
/// final render; and the approval a waiting video needs to go on.
/// </summary>
public sealed class ProjectWork(
    ProjectStore projects,
    StoryboardStore storyboards,
    VideoTaskStore tasks,
    DurableTaskClient durable,
    MusicLibrary music,
    VideoQuota quota,
    TimeProvider time,
    ILogger<ProjectWork> logger)
{
    /// <summary>Plans the storyboard from the current script through <see cref="StoryboardOrchestrator"/>.</summary>
    public async Task<Outcome<SubmittedVideo>> GenerateStoryboardAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (await FindWithScriptAsync(userId, projectId, cancellationToken) is var (project, problem) && problem is not null)
        {
            return problem;
        }

        return Outcome<SubmittedVideo>.Ok(await StartAsync(project!, nameof(StoryboardOrchestrator), project!.AspectRatio, output: null, cancellationToken));
    }

    /// <summary>Renders the project's script into a video (waiting for approval after the storyboard when the project asks for it).</summary>
    public async Task<Outcome<SubmittedVideo>> RenderAsync(string userId, string projectId, RenderSettings settings, bool preview, CancellationToken cancellationToken = default)
    {
        if (await FindWithScriptAsync(userId, projectId, cancellationToken) is var (found, problem) && problem is not null)
        {
            return problem;
        }

        var project = found!;
        if (VideoLook.Problem(settings.SubtitleStyle, settings.Watermark, settings.Format) is var (field, expected))
        {
            return Outcome<SubmittedVideo>.Invalid(field, expected);
        }

        if (settings.Resolution is { } resolution && !RenderPresets.Resolutions.ContainsKey(resolution))
        {
            return Outcome<SubmittedVideo>.Invalid("resolution", $"one of {string.Join(", ", RenderPresets.Resolutions.Keys)}");
        }

        var aspectRatio = project.AspectRatio;
        if (settings.PlatformPreset is { } preset)
        {
            if (!RenderPresets.Platforms.TryGetValue(preset, out var presetRatio))
            {
                return Outcome<SubmittedVideo>.Invalid("platform_preset", $"one of {string.Join(", ", RenderPresets.Platforms.Keys)}");
            }

            aspectRatio = presetRatio;
        }

        RenderMusic? bed = null;
        if (settings.Music is { } named && (bed = await music.ChooseAsync(named, project.Seed, cancellationToken)) is null)
        {
            return Outcome<SubmittedVideo>.Invalid("music", "a background music id or category from GET /api/v1/audio/bgm");
        }

        var output = preview
            ? RenderPresets.Preview(aspectRatio, settings.PlatformPreset)
            : RenderPresets.Final(aspectRatio, settings.Resolution ?? "1080p", settings.PlatformPreset);

        // A saved storyboard's length is known now: one longer than the platform takes is refused before any work.
        var saved = await storyboards.FindDocumentAsync(userId, projectId, cancellationToken);
        var fromSaved = saved is not null && saved.UpdatedAt >= project.ScriptUpdatedAt;
        if (fromSaved && output.MaxDurationSeconds is { } limit && saved!.Storyboard.TotalDuration > limit)
        {
            return Outcome<SubmittedVideo>.Invalid(
                "platform_preset",
                $"a storyboard of at most {limit:0.#} s for {output.Platform} (this one lasts {saved.Storyboard.TotalDuration:0.#} s)");
        }

        // Previews count too: each is a full pass through the providers. Throws QuotaExceededException (403, 30001)
        // after every check above, so a refused request costs nothing.
        await quota.ConsumeAsync(userId, cancellationToken);
        var started = await StartTaskAsync(project, nameof(VideoOrchestrator), request => request with
        {
            FromSavedStoryboard = fromSaved,
            AspectRatio = aspectRatio,
            ApprovalRequired = project.ApprovalRequired,
            Output = output,
            Music = bed,
            Watermark = VideoLook.Watermark(settings.Watermark),
            SubtitleStyle = settings.SubtitleStyle,
            Format = settings.Format is { } format ? VideoLook.Formats[format] : VideoContainer.Mp4,
        }, cancellationToken);
        return Outcome<SubmittedVideo>.Ok(started);
    }

    /// <summary>Lets the project's video that waits on its storyboard go on.</summary>
    public async Task<Outcome<SubmittedVideo>> ApproveStoryboardAsync(string userId, string projectId, string? comment, CancellationToken cancellationToken = default)
    {
        var project = StudioIds.IsProjectId(projectId) ? await projects.FindAsync(userId, projectId, cancellationToken) : null;
        if (project is null)
        {
            return Outcome<SubmittedVideo>.NotFound();
        }

        if (comment is { Length: > 1000 })
        {
            return Outcome<SubmittedVideo>.Invalid("comment", "at most 1000 characters");
        }

        var task = project.LatestTaskId is { } taskId ? await tasks.FindAsync(userId, taskId, cancellationToken) : null;
        var instance = task is null ? null : await durable.GetInstanceAsync(task.InstanceId, cancellation: cancellationToken);
        var waiting = instance is { RuntimeStatus: OrchestrationRuntimeStatus.Running }
            && instance.ReadCustomStatusAs<PipelineStatus>()?.Stage == PipelineStage.Approval.Name;
        if (!waiting)
        {
            return Outcome<SubmittedVideo>.Conflict("no video of this project is waiting for its storyboard to be approved");
        }

        await durable.RaiseEventAsync(task!.InstanceId, StoryboardApproval.EventName, new StoryboardApproval(userId, time.GetUtcNow(), comment), cancellationToken);
        logger.LogInformation("Storyboard of project {ProjectId} approved for task {TaskId}", projectId, task.Id);
        return Outcome<SubmittedVideo>.Ok(new SubmittedVideo(task.Id, projectId));
    }

    private async Task<(Project? Project, Outcome<SubmittedVideo>? Problem)> FindWithScriptAsync(string userId, string projectId, CancellationToken cancellationToken)
    {
        var project = StudioIds.IsProjectId(projectId) ? await projects.FindAsync(userId, projectId, cancellationToken) : null;
        if (project is null)
        {
            return (null, Outcome<SubmittedVideo>.NotFound());
        }

        return project.ScriptUpdatedAt is null
            ? (project, Outcome<SubmittedVideo>.Conflict($"the project has no script yet; write one with PUT /api/v1/projects/{projectId}/script"))
            : (project, null);
    }

    private Task<SubmittedVideo> StartAsync(Project project, string orchestrator, string aspectRatio, Contracts.Rendering.RenderOutput? output, CancellationToken cancellationToken) =>
        StartTaskAsync(project, orchestrator, request => request with
        {
            AspectRatio = aspectRatio,
            ApprovalRequired = project.ApprovalRequired && orchestrator == nameof(VideoOrchestrator),
            Output = output,
        }, cancellationToken);

    /// <summary>
    /// Records a queued task on the project and starts <paramref name="orchestrator"/> under the task's id, with the
    /// input <paramref name="input"/> makes of the project's <see cref="VideoRequest"/>.
    /// </summary>
    public async Task<SubmittedVideo> StartTaskAsync<TInput>(Project project, string orchestrator, Func<VideoRequest, TInput> input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(input);
        var taskId = StudioIds.NewTaskId(project.Id);
        var now = time.GetUtcNow();
        await tasks.UpsertAsync(VideoTask.Queued(project, taskId, now), cancellationToken);
        await projects.UpsertAsync(project with { LatestTaskId = taskId, UpdatedAt = now }, cancellationToken);
        await durable.ScheduleNewOrchestrationInstanceAsync(
            orchestrator, input(VideoRequest.For(project, taskId)), new StartOrchestrationOptions(InstanceId: taskId), cancellationToken);
        logger.LogInformation("{Orchestrator} {TaskId} started for project {ProjectId}", orchestrator, taskId, project.Id);
        return new SubmittedVideo(taskId, project.Id);
    }
}
