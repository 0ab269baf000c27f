using Microsoft.Extensions.Options;
using Serverless.Contracts.Rendering;
using Microsoft.DurableTask;
using Serverless.Studio.Jobs;
using Serverless.Studio.Projects;
using Serverless.Studio.Storage;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Pipeline;

/// <summary>
/// Fits every shot to its recorded speech, lays out the timeline and queues the render job (<see cref="RenderJobQueue"/>).
/// A final render longer than <see cref="StudioOptions.SegmentSeconds"/> is split instead (<see cref="RenderSegments"/>)
/// and its jobs handed back for the orchestration to queue: the segments at once, the join after them.
/// </summary>
public sealed class SubmitRenderActivity(
    StoryboardPlanner planner,
    RenderJobQueue queue,
    StoryboardStore storyboards,
    Subtitles.SubtitleService subtitleTracks,
    Catalog.SoundEffectLibrary soundEffects,
    IOptions<StudioOptions> options) : TaskActivity<SubmitRenderInput, RenderSubmission>
{
    public override async Task<RenderSubmission> RunAsync(TaskActivityContext context, SubmitRenderInput input)
    {
        var request = input.Request;
        var speechSeconds = input.Voices.ToDictionary(v => v.ShotId, v => v.DurationSeconds + RenderTimeline.VoiceLeadSeconds);
        var storyboard = WithProviders(planner.FitToSpeech(input.Storyboard, speechSeconds, options.Value.BreathingRoomSeconds), input);
        var output = request.Output ?? OutputPresets.ForAspectRatio(request.AspectRatio, RenderMode.Final);

        // Only now, fitted to the recorded speech, is the length known for a storyboard planned in this run: one longer
        // than the platform takes fails the video here, before the worker spends anything on it.
        if (output.MaxDurationSeconds is { } limit && storyboard.TotalDuration > limit)
        {
            return new RenderSubmission("", storyboard.TotalDuration,
                $"The storyboard lasts {storyboard.TotalDuration:0.#} s; {output.Platform ?? "the output"} takes at most {limit:0.#} s. Shorten the script or choose another platform_preset.");
        }

        // A cue the catalog cannot answer costs the video its sound there, not the video: it is noted on the shot.
        var effects = await soundEffects.ResolveAsync(storyboard.Shots.Where(s => s.SoundEffect is not null).Select(s => s.SoundEffect!));
        storyboard = WithMissingEffectsNoted(storyboard, effects);
        var rendered = storyboard;
        (await storyboards.UpdateAsync(request.UserId, request.ProjectId, current => WithNewerPicturesKept(rendered, input.Storyboard, current), request.TaskId))
            .EnsureWritten(request.ProjectId);
        var (voices, subtitles) = RenderTimeline.Speech(storyboard, input.Voices);

        var job = new RenderJob
        {
            JobId = $"{request.TaskId}-render",
            UserId = request.UserId,
            ProjectId = request.ProjectId,
            OrchestrationInstanceId = context.InstanceId,
            Output = output,
            Shots = RenderTimeline.Shots(storyboard, input.Images),
            Voices = voices,
            // Cues the user edited (POST/PATCH .../subtitles) win over the ones timed from the speech.
            Subtitles = await subtitleTracks.FindEditedCuesAsync(request.UserId, request.ProjectId) ?? subtitles,
            SubtitleStyle = request.SubtitleStyle,
            Music = request.Music,
            SoundEffects = RenderTimeline.SoundEffects(storyboard, effects),
            Watermark = request.Watermark,
            Format = request.Format,
            Destination = AssetStore.Render(request.UserId, request.ProjectId, $"{request.TaskId}.{(request.Format == VideoContainer.Mov ? "mov" : "mp4")}"),
        };

        if (RenderSegments.Split(job, options.Value.SegmentSeconds) is { } split)
        {
            return new RenderSubmission(job.JobId, storyboard.TotalDuration, Segments: split.Segments, Join: split.Join);
        }

        await queue.QueueAsync(context.InstanceId, job);
        return new RenderSubmission(job.JobId, storyboard.TotalDuration);
    }

    private static Storyboard WithMissingEffectsNoted(Storyboard storyboard, IReadOnlyDictionary<string, RenderSoundEffect> found) => storyboard with
    {
        Shots = storyboard.Shots
            .Select(s => s.SoundEffect is { } cue && !found.ContainsKey(cue) && !s.Notes.Contains(ShotNotes.SoundEffectMissing)
                ? s with { Notes = [.. s.Notes, ShotNotes.SoundEffectMissing] }
                : s)
            .ToList(),
    };

    /// <summary>
    /// The storyboard as rendered, except where a shot was redrawn while the render was being prepared: that newer picture
    /// (and the prompt it was drawn from) stays on the saved storyboard for the next render, rather than being lost.
    /// </summary>
    private static Storyboard WithNewerPicturesKept(Storyboard rendered, Storyboard started, Storyboard? current)
    {
        if (current is null)
        {
            return rendered;
        }

        var before = started.Shots.ToDictionary(s => s.Id);
        var now = current.Shots.ToDictionary(s => s.Id);
        return rendered with
        {
            Shots = rendered.Shots.Select(s =>
                now.GetValueOrDefault(s.Id) is { Image: { } image } stored && image != before.GetValueOrDefault(s.Id)?.Image
                    ? s with { Image = image, ImageProvider = stored.ImageProvider, ImagePassedOver = stored.ImagePassedOver, ImagePrompt = stored.ImagePrompt, PromptOverride = stored.PromptOverride }
                    : s).ToList(),
        };
    }

    /// <summary>
    /// Records on each shot its picture and voice with the providers that made them (and those passed over, with why), so a fallback is visible to the
    /// user and the project's next render reuses them instead of drawing and recording again.
    /// </summary>
    private static Storyboard WithProviders(Storyboard storyboard, SubmitRenderInput input)
    {
        var images = input.Images.ToDictionary(i => i.ShotId);
        var voices = input.Voices.ToDictionary(v => v.ShotId);
        return storyboard with
        {
            Shots = storyboard.Shots
                .Select(s => s with
                {
                    Image = images.GetValueOrDefault(s.Id)?.Image,
                    ImageProvider = images.GetValueOrDefault(s.Id)?.Provider,
                    ImagePassedOver = images.GetValueOrDefault(s.Id)?.PassedOver is { Count: > 0 } imagePassed ? imagePassed : null,
                    Voice = voices.GetValueOrDefault(s.Id)?.Audio,
                    VoiceSeconds = voices.GetValueOrDefault(s.Id)?.DurationSeconds,
                    VoiceWords = voices.GetValueOrDefault(s.Id)?.Words,
                    VoiceProvider = voices.GetValueOrDefault(s.Id)?.Provider,
                    VoicePassedOver = voices.GetValueOrDefault(s.Id)?.PassedOver is { Count: > 0 } voicePassed ? voicePassed : null,
                })
                .ToList(),
        };
    }
}
