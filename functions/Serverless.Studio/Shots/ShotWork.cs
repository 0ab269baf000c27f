using Serverless.Studio.Orchestrations;
using Microsoft.Extensions.Logging;
using Serverless.Studio.Accounts;
using Serverless.Studio.Characters;
using Serverless.Studio.Projects;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Videos;

namespace Serverless.Studio.Shots;

/// <summary>
/// The saved storyboard's pictures and voices made on their own, each a task: draw every shot, redraw one (with the
/// user's own description), record every spoken line.
/// </summary>
/// <remarks>
/// Metered in billed units before anything starts (<see cref="VideoQuota.ConsumeUnitsAsync"/>): one per shot drawn,
/// one per spoken line recorded.
/// </remarks>
public sealed class ShotWork(
    ProjectStore projects, StoryboardStore storyboards, CharacterBibleStore bibles, ProjectWork work, VideoQuota quota, RunningTasks running, ILogger<ShotWork> logger)
{
    /// <summary>Image models take prompts of about this size; a longer description would be cut without saying so.</summary>
    public const int MaxPromptOverrideLength = 1000;

    public Task<Outcome<SubmittedVideo>> GenerateImagesAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        StartAsync(userId, projectId, ShotAssetKind.Images, storyboard => storyboard.Shots, cancellationToken);

    public Task<Outcome<SubmittedVideo>> GenerateDialoguesAsync(string userId, string projectId, CancellationToken cancellationToken = default) =>
        StartAsync(userId, projectId, ShotAssetKind.Voices, storyboard => storyboard.Shots.Where(s => s.IsSpoken).ToList(), cancellationToken);

    /// <summary>
    /// Redraws one shot; a <paramref name="promptOverride"/> is kept on the shot and becomes its image prompt. With
    /// <paramref name="ifMatch"/> (the storyboard's ETag as the client read it) a storyboard changed since is refused as a
    /// conflict. Answers the storyboard's ETag after the edit.
    /// </summary>
    public async Task<(Outcome<SubmittedVideo> Outcome, string? ETag)> RegenerateAsync(
        string userId, string projectId, string shotId, string? promptOverride, string? ifMatch = null, CancellationToken cancellationToken = default)
    {
        if (promptOverride is not null && (string.IsNullOrWhiteSpace(promptOverride) || promptOverride.Length > MaxPromptOverrideLength))
        {
            return (Outcome<SubmittedVideo>.Invalid("prompt_override", $"between 1 and {MaxPromptOverrideLength} characters when given"), null);
        }

        var (project, document, problem) = await FindAsync(userId, projectId, cancellationToken);
        if (problem is not null)
        {
            return (problem, null);
        }

        // The override is written before the task starts: a user out of slots or units is refused first, so the refusal
        // leaves the storyboard as it was (StartTaskAsync still claims and charges for real).
        if (promptOverride is not null)
        {
            await running.EnsureRoomAsync(userId, cancellationToken);
            await quota.EnsureUnitsAsync(userId, 1, cancellationToken);
        }

        // Without an override nothing is written now, so a stale If-Match is caught here rather than by a conditional write.
        StoryboardShot? shot = null;
        var update = await storyboards.UpdateAsync(userId, projectId, current =>
        {
            shot = current?.Shots.FirstOrDefault(s => s.Id == shotId);
            if (shot is null || promptOverride is null)
            {
                return null;
            }

            shot = shot with
            {
                PromptOverride = promptOverride.Trim(),
                ImagePrompt = ImagePromptComposer.WithOverride(shot, current!.Style, current.AspectRatio, promptOverride),
            };
            var edited = shot;
            return current with { Shots = current.Shots.Select(s => s.Id == shotId ? edited : s).ToList() };
        }, ifMatch: ifMatch, cancellationToken: cancellationToken);

        if (update.Refusal<SubmittedVideo>(found: shot is not null) is { } refused)
        {
            return (refused, null);
        }

        var storyboard = update.Document?.Storyboard ?? document!.Storyboard;
        var cast = await CastAsync(userId, projectId, cancellationToken);
        var started = await work.StartTaskAsync(project!, nameof(ShotAssetsOrchestrator), request => new ShotAssetsRequest(
            request with { Style = storyboard.Style, AspectRatio = storyboard.AspectRatio }, ShotAssetKind.Images, [shot!], cast),
            ct => quota.ConsumeUnitsAsync(userId, 1, ct), cancellationToken);
        logger.LogInformation("Shot {ShotId} of project {ProjectId} redrawn by task {TaskId}", shotId, projectId, started.TaskId);
        return (Outcome<SubmittedVideo>.Ok(started), update.ETag);
    }

    private async Task<Outcome<SubmittedVideo>> StartAsync(
        string userId, string projectId, ShotAssetKind kind, Func<Storyboard, IReadOnlyList<StoryboardShot>> shots, CancellationToken cancellationToken)
    {
        var (project, document, problem) = await FindAsync(userId, projectId, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var storyboard = document!.Storyboard;
        var chosen = shots(storyboard);
        if (chosen.Count == 0)
        {
            return Outcome<SubmittedVideo>.Conflict("the storyboard has no shot to make this for");
        }

        // Drawn at the storyboard's own size and style, which may differ from the project's if it was edited since.
        var cast = await CastAsync(userId, projectId, cancellationToken);
        var started = await work.StartTaskAsync(project!, nameof(ShotAssetsOrchestrator), request => new ShotAssetsRequest(
            request with { Style = storyboard.Style, AspectRatio = storyboard.AspectRatio }, kind, chosen, cast),
            ct => quota.ConsumeUnitsAsync(userId, chosen.Count, ct), cancellationToken);
        logger.LogInformation("{Kind} of {Count} shots of project {ProjectId} started as task {TaskId}", kind, chosen.Count, projectId, started.TaskId);
        return Outcome<SubmittedVideo>.Ok(started);
    }

    /// <summary>The project's characters with every edit of the bible, as the video's own casting reads them.</summary>
    private async Task<IReadOnlyList<Screenplays.Character>> CastAsync(string userId, string projectId, CancellationToken cancellationToken) =>
        (await bibles.FindAsync(userId, projectId, cancellationToken))?.ToCharacters() ?? [];

    private async Task<(Project? Project, StoryboardDocument? Document, Outcome<SubmittedVideo>? Problem)> FindAsync(
        string userId, string projectId, CancellationToken cancellationToken)
    {
        var project = StudioIds.IsProjectId(projectId) ? await projects.FindAsync(userId, projectId, cancellationToken) : null;
        if (project is null)
        {
            return (null, null, Outcome<SubmittedVideo>.NotFound());
        }

        var document = await storyboards.FindDocumentAsync(userId, projectId, cancellationToken);
        return document is null
            ? (project, null, Outcome<SubmittedVideo>.Conflict($"the project has no storyboard yet; plan one with POST /api/v1/projects/{projectId}/storyboard/generate"))
            : (project, document, null);
    }
}
