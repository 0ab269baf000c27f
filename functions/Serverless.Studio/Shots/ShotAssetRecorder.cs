using Microsoft.Extensions.Options;
using Serverless.Studio.Pipeline;
using Serverless.Studio.Projects;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Shots;

/// <summary>
/// Writes drawn pictures and recorded clips onto the project's saved storyboard, with their providers; once lines are
/// recorded the shots are refitted to the measured speech, as a render would fit them.
/// </summary>
public sealed class ShotAssetRecorder(StoryboardStore storyboards, StoryboardPlanner planner, IOptions<StudioOptions> options)
{
    public async Task RecordAsync(VideoRequest request, IReadOnlyList<DrawnShot> drawn, IReadOnlyList<VoiceClip> recorded)
    {
        var images = drawn.ToDictionary(i => i.ShotId);
        var voices = recorded.ToDictionary(v => v.ShotId);

        // Applied to the storyboard as it stands at each attempt, so a concurrent task's pictures are kept, not overwritten.
        Storyboard? Record(Storyboard? current)
        {
            if (current is null)
            {
                return null;
            }

            var shots = current.Shots.Select(shot =>
            {
                if (images.TryGetValue(shot.Id, out var image))
                {
                    shot = shot with { Image = image.Image, ImageProvider = image.Provider, ImagePassedOver = image.PassedOver is { Count: > 0 } passed ? passed : null };
                }

                if (voices.TryGetValue(shot.Id, out var voice))
                {
                    shot = shot with { Voice = voice.Audio, VoiceSeconds = voice.DurationSeconds, VoiceWords = voice.Words, VoiceProvider = voice.Provider, VoicePassedOver = voice.PassedOver is { Count: > 0 } passed ? passed : null };
                }

                return shot;
            }).ToList();

            var storyboard = current with { Shots = shots };
            if (voices.Count > 0)
            {
                var measured = shots.Where(s => s.VoiceSeconds is not null)
                    .ToDictionary(s => s.Id, s => s.VoiceSeconds!.Value + RenderTimeline.VoiceLeadSeconds);
                storyboard = planner.FitToSpeech(storyboard, measured, options.Value.BreathingRoomSeconds);
            }

            return storyboard;
        }

        (await storyboards.UpdateAsync(request.UserId, request.ProjectId, Record, request.TaskId)).EnsureWritten(request.ProjectId);
    }
}
