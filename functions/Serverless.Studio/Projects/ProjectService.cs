using Serverless.Studio.Orchestrations;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Serverless.Studio.Accounts;
using Serverless.Studio.Assets;
using Serverless.Studio.Characters;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storage;
using Serverless.Studio.Tasks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Serverless.Studio.Projects;

/// <summary>A user's projects and their scripts: create, read, edit, delete, write and parse the script.</summary>
public sealed class ProjectService(
    ProjectStore projects,
    StoryboardStore storyboards,
    CharacterBibleStore bibles,
    ProjectAssetStore assetRecords,
    AssetStore blobs,
    VideoTaskStore tasks,
    ScriptLimits limits,
    VideoQuota quota,
    DurableTaskClient durable,
    TimeProvider time,
    IOptions<StudioOptions> options,
    ILogger<ProjectService> logger)
{
    public const int MaxPageSize = 100;
    private const int MaxNameLength = 200;
    private const int MaxDescriptionLength = 2000;

    public async Task<Outcome<Project>> CreateAsync(string userId, ProjectDraft draft, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(draft.Name))
        {
            return Outcome<Project>.Invalid("name", "required");
        }

        var now = time.GetUtcNow();
        var id = StudioIds.NewProjectId();
        var blank = new Project
        {
            Id = id,
            UserId = userId,
            Name = "",
            Style = "anime",
            AspectRatio = "9:16",
            Script = ScriptBlob(userId, id),
            CreatedAt = now,
            UpdatedAt = now,
        };
        var (project, invalid) = Apply(blank, draft);
        if (invalid is not null)
        {
            return invalid;
        }

        if (draft.Script is { } script)
        {
            if (script.Length > options.Value.MaxScriptCharacters)
            {
                return Outcome<Project>.Invalid("script", $"at most {options.Value.MaxScriptCharacters} characters");
            }

            await blobs.UploadAsync(project.Script, BinaryData.FromString(script), "text/plain; charset=utf-8", cancellationToken);
            project = project with { ScriptUpdatedAt = now };
        }

        await projects.CreateAsync(project, cancellationToken);
        logger.LogInformation("Project {ProjectId} created", project.Id);
        return Outcome<Project>.Ok(project);
    }

    public async Task<Project?> FindAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        StudioIds.IsProjectId(projectId) ? await projects.FindAsync(userId, projectId, cancellationToken) : null;

    public async Task<Outcome<PagedList<Project>>> ListAsync(string userId, int? page, int? pageSize, CancellationToken cancellationToken = default)
    {
        if (page is < 1 or > 100_000)
        {
            return Outcome<PagedList<Project>>.Invalid("page", "a page number from 1");
        }

        if (pageSize is < 1 or > MaxPageSize)
        {
            return Outcome<PagedList<Project>>.Invalid("page_size", $"between 1 and {MaxPageSize}");
        }

        var (number, size) = (page ?? 1, pageSize ?? 20);
        var (items, total) = await projects.ListAsync(userId, number, size, cancellationToken);
        return Outcome<PagedList<Project>>.Ok(new PagedList<Project>(items, number, size, total));
    }

    public async Task<Outcome<Project>> UpdateAsync(string userId, string projectId, ProjectDraft draft, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(userId, projectId, cancellationToken) is not { } project)
        {
            return Outcome<Project>.NotFound();
        }

        if (draft.Script is not null)
        {
            return Outcome<Project>.Invalid("script", $"write the script with PUT /api/v1/projects/{projectId}/script");
        }

        if (draft.Name is { } name && string.IsNullOrWhiteSpace(name))
        {
            return Outcome<Project>.Invalid("name", "must not be blank");
        }

        var (updated, invalid) = Apply(project, draft);
        if (invalid is not null)
        {
            return invalid;
        }

        updated = updated with { UpdatedAt = time.GetUtcNow() };
        await projects.UpsertAsync(updated, cancellationToken);
        return Outcome<Project>.Ok(updated);
    }

    /// <summary>
    /// Stops the project's running work, then removes the project with its storyboard, character bible, assets,
    /// renders and script; a sweep later removes what a render job already taken by a worker still writes.
    /// </summary>
    public async Task<bool> DeleteAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(userId, projectId, cancellationToken) is not { } project)
        {
            return false;
        }

        // An activity or render job already under way is not stopped by terminating its orchestration and may still write.
        var stopped = false;
        foreach (var task in await tasks.ListByProjectAsync(userId, projectId, cancellationToken))
        {
            if (task.Status.HasEnded())
            {
                continue;
            }

            var instance = await durable.GetInstanceAsync(task.InstanceId, cancellation: cancellationToken);
            if (instance?.RuntimeStatus is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended)
            {
                await durable.TerminateInstanceAsync(task.InstanceId, $"Project {projectId} was deleted.", cancellationToken);
                stopped = true;
                logger.LogInformation("Task {TaskId} of deleted project {ProjectId} terminated", task.Id, projectId);
            }

            var now = time.GetUtcNow();
            await tasks.UpsertAsync(task with
            {
                Status = VideoTaskStatus.Failed,
                Error = new TaskError(ErrorCodes.GenerationFailed, "The project was deleted while this task ran."),
                UpdatedAt = now,
                CompletedAt = now,
            }, cancellationToken);
        }

        foreach (var asset in await assetRecords.ListAsync(userId, projectId, cancellationToken))
        {
            await blobs.DeleteAsync(asset.Blob, cancellationToken);
            await assetRecords.DeleteAsync(asset, cancellationToken);
        }

        await storyboards.DeleteAsync(projectId, cancellationToken);
        await bibles.DeleteAsync(projectId, cancellationToken);
        await blobs.DeleteAsync(Subtitles.SubtitleStore.TrackBlob(userId, projectId), cancellationToken);
        await blobs.DeleteAsync(project.Script, cancellationToken);
        await blobs.DeleteAsync(ParsedBlob(project), cancellationToken);
        await projects.DeleteAsync(project, cancellationToken);
        var sweep = new OutputSweep(userId, projectId);
        await SweepOutputsActivity.SweepAsync(blobs, logger, sweep, cancellationToken);
        if (stopped)
        {
            try
            {
                await durable.ScheduleNewOrchestrationInstanceAsync(
                    nameof(OutputSweepOrchestrator), sweep, new StartOrchestrationOptions(InstanceId: sweep.InstanceId()), cancellationToken);
            }
            catch (InvalidOperationException e) when (e.InnerException is DurableTask.Core.Exceptions.OrchestrationAlreadyExistsException)
            {
                // A delete of the same project racing this one scheduled the sweep already; one sweep is enough.
                logger.LogInformation("Output sweep of project {ProjectId} was already scheduled", projectId);
            }
        }

        logger.LogInformation("Project {ProjectId} deleted", projectId);
        return true;
    }

    /// <summary>Replaces the script; what was parsed from the old one is dropped.</summary>
    public async Task<Outcome<Project>> WriteScriptAsync(string userId, string projectId, string? content, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(userId, projectId, cancellationToken) is not { } project)
        {
            return Outcome<Project>.NotFound();
        }

        if (string.IsNullOrWhiteSpace(content))
        {
            return Outcome<Project>.Invalid("content", "required: the screenplay text");
        }

        if (content.Length > options.Value.MaxScriptCharacters)
        {
            return Outcome<Project>.Invalid("content", $"at most {options.Value.MaxScriptCharacters} characters");
        }

        var now = time.GetUtcNow();
        await blobs.UploadAsync(project.Script, BinaryData.FromString(content), "text/plain; charset=utf-8", cancellationToken);
        await blobs.DeleteAsync(ParsedBlob(project), cancellationToken);
        var updated = project with { ScriptUpdatedAt = now, UpdatedAt = now };
        await projects.UpsertAsync(updated, cancellationToken);
        return Outcome<Project>.Ok(updated);
    }

    /// <summary>The project's current script text, for the studio to show beside its parse; none before one is written.</summary>
    public async Task<Outcome<ProjectScript>> ReadScriptAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(userId, projectId, cancellationToken) is not { } project)
        {
            return Outcome<ProjectScript>.NotFound();
        }

        if (project.ScriptUpdatedAt is not { } updatedAt)
        {
            return Outcome<ProjectScript>.Conflict($"the project has no script yet; write one with PUT /api/v1/projects/{projectId}/script");
        }

        var text = await blobs.DownloadAsync(project.Script, cancellationToken);
        return Outcome<ProjectScript>.Ok(new ProjectScript(text.ToString(), updatedAt));
    }

    /// <summary>
    /// Parses the script (fast, so answered at once), keeps the result and takes its characters into the bible. A script
    /// over a <see cref="ScriptLimits"/> bound is refused here too, so the writer learns it (and the line at fault)
    /// before asking for a storyboard.
    /// </summary>
    public async Task<Outcome<Screenplay>> ParseScriptAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(userId, projectId, cancellationToken) is not { } project)
        {
            return Outcome<Screenplay>.NotFound();
        }

        if (project.ScriptUpdatedAt is null)
        {
            return Outcome<Screenplay>.Conflict($"the project has no script yet; write one with PUT /api/v1/projects/{projectId}/script");
        }

        var text = await blobs.DownloadAsync(project.Script, cancellationToken);
        var parsed = ScreenplayParser.Parse(text.ToString());
        if (parsed.Screenplay is not { } screenplay)
        {
            return Outcome<Screenplay>.Invalid("script", parsed.Error ?? "not a screenplay");
        }

        if (limits.Exceeded(text.ToString(), project.TargetDurationSeconds, await quota.PlanOfAsync(userId, cancellationToken), platformPreset: null) is { } exceeded)
        {
            return Outcome<Screenplay>.Invalid(exceeded.Field, exceeded.Reason, exceeded.Line);
        }

        await blobs.UploadAsync(ParsedBlob(project), BinaryData.FromObjectAsJson(screenplay, ScreenplayJson.Options), "application/json", cancellationToken);
        await bibles.MergeAsync(userId, projectId, screenplay.Characters, time.GetUtcNow(), cancellationToken);
        return Outcome<Screenplay>.Ok(screenplay);
    }

    /// <summary>The last parse of the current script; null when the project is not the user's or was not parsed since the script changed.</summary>
    public async Task<Screenplay?> FindParsedAsync(string userId, string projectId, CancellationToken cancellationToken = default)
    {
        if (await FindAsync(userId, projectId, cancellationToken) is not { } project || await blobs.GetPropertiesAsync(ParsedBlob(project), cancellationToken) is null)
        {
            return null;
        }

        return (await blobs.DownloadAsync(ParsedBlob(project), cancellationToken)).ToObjectFromJson<Screenplay>(ScreenplayJson.Options);
    }

    private static BlobRef ScriptBlob(string userId, string projectId) => new(StudioContainers.Scripts, $"{userId}/{projectId}/script.txt");

    private static BlobRef ParsedBlob(Project project) => new(StudioContainers.Scripts, $"{project.UserId}/{project.Id}/parsed.json");

    private static (Project Project, Outcome<Project>? Invalid) Apply(Project project, ProjectDraft draft)
    {
        if (draft.Name is { } name)
        {
            if (name.Trim().Length > MaxNameLength)
            {
                return (project, Outcome<Project>.Invalid("name", $"at most {MaxNameLength} characters"));
            }

            project = project with { Name = name.Trim() };
        }

        if (draft.Description is { } description)
        {
            if (description.Length > MaxDescriptionLength)
            {
                return (project, Outcome<Project>.Invalid("description", $"at most {MaxDescriptionLength} characters"));
            }

            project = project with { Description = description.Length == 0 ? null : description };
        }

        if (draft.Style is { } style)
        {
            if (!VideoFormat.Styles.Contains(style))
            {
                return (project, Outcome<Project>.Invalid("style", $"one of {string.Join(", ", VideoFormat.Styles)}"));
            }

            project = project with { Style = style };
        }

        if (draft.AspectRatio is { } ratio)
        {
            if (!VideoFormat.Sizes.ContainsKey(ratio))
            {
                return (project, Outcome<Project>.Invalid("aspect_ratio", $"one of {string.Join(", ", VideoFormat.Sizes.Keys)}"));
            }

            project = project with { AspectRatio = ratio };
        }

        if (draft.TargetDuration is { } target)
        {
            if (target is < 5 or > 600)
            {
                return (project, Outcome<Project>.Invalid("target_duration", "between 5 and 600 seconds"));
            }

            project = project with { TargetDurationSeconds = target };
        }

        return (project with
        {
            Seed = draft.Seed ?? project.Seed,
            ApprovalRequired = draft.ApprovalRequired ?? project.ApprovalRequired,
        }, null);
    }
}
