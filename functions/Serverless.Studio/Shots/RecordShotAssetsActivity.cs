using Microsoft.Extensions.Options;
using Serverless.Durable;
using Serverless.Studio.Projects;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Shots;

/// <summary>
/// Writes drawn pictures and recorded clips onto the project's saved storyboard, with their providers; once lines are
/// recorded the shots are refitted to the measured speech, as a render would fit them.
/// </summary>
public sealed class RecordShotAssetsActivity(StoryboardStore storyboards, StoryboardPlanner planner, TimeProvider time, IOptions<StudioOptions> options)
    : TaskActivity<RecordShotAssetsInput, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, RecordShotAssetsInput input)
    {
        var request = input.Request;
        var document = await storyboards.FindDocumentAsync(request.UserId, request.ProjectId)
            ?? throw new InvalidOperationException($"The storyboard of project {request.ProjectId} no longer exists.");
        var images = input.Images.ToDictionary(i => i.ShotId);
        var voices = input.Voices.ToDictionary(v => v.ShotId);
        var shots = document.Storyboard.Shots.Select(shot =>
        {
            if (images.TryGetValue(shot.Id, out var image))
            {
                shot = shot with { Image = image.Image, ImageProvider = image.Provider };
            }

            if (voices.TryGetValue(shot.Id, out var voice))
            {
                shot = shot with { Voice = voice.Audio, VoiceSeconds = voice.DurationSeconds, VoiceProvider = voice.Provider };
            }

            return shot;
        }).ToList();

        var storyboard = document.Storyboard with { Shots = shots };
        if (voices.Count > 0)
        {
            var measured = shots.Where(s => s.VoiceSeconds is not null)
                .ToDictionary(s => s.Id, s => s.VoiceSeconds!.Value + Pipeline.RenderTimeline.VoiceLeadSeconds);
            storyboard = planner.FitToSpeech(storyboard, measured, options.Value.BreathingRoomSeconds);
        }

        await storyboards.SaveAsync(document with { Storyboard = storyboard, TaskId = request.TaskId, UpdatedAt = time.GetUtcNow() });
        return true;
    }
}
