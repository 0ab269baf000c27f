using Serverless.Contracts.Rendering;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Pipeline;

public sealed record PlanStoryboardInput(VideoRequest Request, Screenplay Screenplay);

public sealed record DrawShotInput(VideoRequest Request, StoryboardShot Shot, IReadOnlyList<Character> Characters);

public sealed record RecordVoiceInput(VideoRequest Request, StoryboardShot Shot, IReadOnlyList<Character> Characters);

/// <summary>A recorded line: where it is and how long it speaks.</summary>
public sealed record VoiceClip(string ShotId, BlobRef Audio, double DurationSeconds, string Voice);

public sealed record SubmitRenderInput(VideoRequest Request, Storyboard Storyboard, IReadOnlyList<BlobRef> Images, IReadOnlyList<VoiceClip> Voices);

public sealed record RenderSubmission(string JobId, double ExpectedDurationSeconds);

public sealed record PublishVideoInput(VideoRequest Request, RenderCompleted Render);

public sealed record RecordFailureInput(VideoRequest Request, TaskError Error);
