using Serverless.Studio.Orchestrations;
using Microsoft.Extensions.Logging;
using Serverless.Contracts.Rendering;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Serverless.Studio.Accounts;
using Serverless.Studio.Catalog;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Providers.Ledger;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storage;
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
    RunningTasks running,
    AssetStore scripts,
    ScriptLimits limits,
    CostEstimator costs,
    Storyboards.StoryboardPlanner planner,
    TimeProvider time,
    ILogger<ProjectWork> logger)
{
    /// <summary>
    /// Plans the storyboard from the current script through <see cref="StoryboardOrchestrator"/>; with
    /// <paramref name="drawImages"/> the same task then draws every planned shot, as <c>generate-images</c> would.
    /// </summary>
    /// <remarks>
    /// One unit for the plan, and with the pictures one per shot the script plans, counted now by the same planner so
    /// a user short of units is refused (403) before anything starts; the task draws at most that many.
    /// </remarks>
    public async Task<Outcome<SubmittedVideo>> GenerateStoryboardAsync(string userId, string projectId, bool drawImages = false, CancellationToken cancellationToken = default)
    {
        if (await FindWithScriptAsync(userId, projectId, cancellationToken) is var (found, problem) && problem is not null)
        {
            return problem;
        }

        var project = found!;
        var script = (await scripts.DownloadAsync(project.Script, cancellationToken)).ToString();
        if (await ScriptOverLimitAsync(project, script, platformPreset: null, cancellationToken) is { } tooBig)
        {
            return tooBig;
        }

        int? toDraw = drawImages ? PlannedShots(project, script) : null;
        return Outcome<SubmittedVideo>.Ok(await StartTaskAsync(project, nameof(StoryboardOrchestrator), request => request with
        {
            AspectRatio = project.AspectRatio,
            ApprovalRequired = false,
            Output = null,
            ShotsToDraw = toDraw,
        }, ct => quota.ConsumeUnitsAsync(userId, 1 + (toDraw ?? 0), ct), cancellationToken));
    }

    /// <summary>How many shots <see cref="PlanStoryboardActivity"/> will plan of <paramref name="script"/> (0 when it does not parse: the task then fails).</summary>
    private int PlannedShots(Project project, string script) =>
        ScreenplayParser.Parse(script).Screenplay is { } screenplay
            ? planner.Plan(screenplay, new Storyboards.StoryboardOptions(project.Style, project.AspectRatio, project.Seed, project.TargetDurationSeconds)).Shots.Count
            : 0;

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

        if (settings.Budget is { } ceiling && CostEstimate.BudgetProblem(ceiling) is { } badBudget)
        {
            return Outcome<SubmittedVideo>.Invalid("budget", badBudget);
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

        if (await ScriptOverLimitAsync(project, (await scripts.DownloadAsync(project.Script, cancellationToken)).ToString(), settings.PlatformPreset, cancellationToken) is { } tooBig)
        {
            return tooBig;
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

        if (settings.Budget is { } budget)
        {
            var keepPictures = fromSaved && saved!.Storyboard.AspectRatio == aspectRatio;
            var estimate = fromSaved
                ? await costs.ForShotsAsync(
                    userId,
                    saved!.Storyboard.Shots.Where(s => s.Image is null || !keepPictures).ToList(),
                    saved.Storyboard.Shots.Where(s => s.LineType != ScriptLineType.Action && (s.Voice is null || s.VoiceSeconds is null)).ToList(),
                    cancellationToken)
                : (await costs.ForScriptAsync(
                    userId,
                    (await scripts.DownloadAsync(project.Script, cancellationToken)).ToString(),
                    new Storyboards.StoryboardOptions(project.Style, aspectRatio, project.Seed, project.TargetDurationSeconds),
                    cancellationToken)).Estimate;
            if (estimate is not null)
            {
                estimate.ThrowIfOver(budget);
            }
        }

        // Previews count too: each is a full pass through the providers. The quota is taken (QuotaExceededException,
        // 403 30001) after every check above and after the running-task slot, so a refused request costs nothing.
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
            Budget = settings.Budget,
        }, ct => quota.ConsumeAsync(userId, ct), cancellationToken);
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

    /// <summary>The project's script against <see cref="ScriptLimits"/>: 400 naming the limit, before anything starts.</summary>
    private async Task<Outcome<SubmittedVideo>?> ScriptOverLimitAsync(Project project, string script, string? platformPreset, CancellationToken cancellationToken)
    {
        var plan = await quota.PlanOfAsync(project.UserId, cancellationToken);
        return limits.Exceeded(script, project.TargetDurationSeconds, plan, platformPreset) is { } exceeded
            ? Outcome<SubmittedVideo>.Invalid(exceeded.Field, exceeded.Reason, exceeded.Line)
            : null;
    }

    /// <summary>
    /// Records a queued task on the project and starts <paramref name="orchestrator"/> under the task's id, with the
    /// input <paramref name="input"/> makes of the project's <see cref="VideoRequest"/>.
    /// </summary>
    /// <remarks>
    /// A slot of the user's running tasks is claimed first (<see cref="TooManyRunningTasksException"/>, 429), then
    /// <paramref name="charge"/> takes what the work costs from the plan (<see cref="QuotaExceededException"/>, 403);
    /// a refused charge gives the slot back. Nothing is stored or scheduled before both passed.
    /// </remarks>
    public async Task<SubmittedVideo> StartTaskAsync<TInput>(
        Project project, string orchestrator, Func<VideoRequest, TInput> input, Func<CancellationToken, Task> charge, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(project);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(charge);
        var taskId = StudioIds.NewTaskId(project.Id);
        await running.ClaimThenChargeAsync(project.UserId, taskId, charge, cancellationToken);
        var now = time.GetUtcNow();
        await tasks.UpsertAsync(VideoTask.Queued(project, taskId, now), cancellationToken);
        await projects.UpsertAsync(project with { LatestTaskId = taskId, UpdatedAt = now }, cancellationToken);
        await durable.ScheduleNewOrchestrationInstanceAsync(
            orchestrator, input(VideoRequest.For(project, taskId)), new StartOrchestrationOptions(InstanceId: taskId), cancellationToken);
        logger.LogInformation("{Orchestrator} {TaskId} started for project {ProjectId}", orchestrator, taskId, project.Id);
        return new SubmittedVideo(taskId, project.Id);
    }
}
