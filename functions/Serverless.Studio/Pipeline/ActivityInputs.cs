using Serverless.Contracts.Rendering;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;
using Serverless.Studio.Tasks;

namespace Serverless.Studio.Pipeline;

public sealed record PlanStoryboardInput(VideoRequest Request, Screenplay Screenplay);

/// <summary>
/// A shot to draw; <paramref name="OntoStoryboard"/> also writes the picture onto the saved storyboard as soon as it is
/// drawn (the studio's own drawing: the page shows each picture without waiting for another trip through the task hub).
/// </summary>
public sealed record DrawShotInput(VideoRequest Request, StoryboardShot Shot, IReadOnlyList<Character> Characters, bool OntoStoryboard = false);

public sealed record RecordVoiceInput(VideoRequest Request, StoryboardShot Shot, IReadOnlyList<Character> Characters);

/// <summary>A drawn shot: where its picture is and which provider drew it (<see cref="Providers.Fallback.ProviderNames"/>).</summary>
public sealed record DrawnShot(string ShotId, BlobRef Image, string Provider);

/// <summary>A recorded line: where it is, how long it speaks, in which voice and by which provider.</summary>
public sealed record VoiceClip(string ShotId, BlobRef Audio, double DurationSeconds, string Voice, string Provider);

public sealed record SubmitRenderInput(VideoRequest Request, Storyboard Storyboard, IReadOnlyList<DrawnShot> Images, IReadOnlyList<VoiceClip> Voices);

/// <summary>The job queued; or, with <see cref="Refusal"/>, why none was (the video fails with it).</summary>
public sealed record RenderSubmission(string JobId, double ExpectedDurationSeconds, string? Refusal = null);

public sealed record PublishVideoInput(VideoRequest Request, RenderCompleted Render);

public sealed record RecordFailureInput(VideoRequest Request, TaskError Error);
