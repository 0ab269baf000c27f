using Serverless.Captions;
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
public sealed record DrawnShot(string ShotId, BlobRef Image, string Provider, IReadOnlyList<Providers.Fallback.PassedOver>? PassedOver = null);

/// <summary>A recorded line: where it is, how long it speaks, in which voice, by which provider (and which were passed over), and when its words are said (seconds into the clip) where the voice reported it.</summary>
public sealed record VoiceClip(string ShotId, BlobRef Audio, double DurationSeconds, string Voice, string Provider, IReadOnlyList<CueWord>? Words = null, IReadOnlyList<Providers.Fallback.PassedOver>? PassedOver = null);

public sealed record SubmitRenderInput(VideoRequest Request, Storyboard Storyboard, IReadOnlyList<DrawnShot> Images, IReadOnlyList<VoiceClip> Voices);

/// <summary>The job queued; or, with <see cref="Refusal"/>, why none was (the video fails with it).</summary>
/// <param name="Segments">A long render's segment jobs, for the orchestration to queue; then <paramref name="Join"/>, whose id is <paramref name="JobId"/>.</param>
public sealed record RenderSubmission(
    string JobId, double ExpectedDurationSeconds, string? Refusal = null, IReadOnlyList<RenderJob>? Segments = null, RenderJob? Join = null);

/// <param name="Announcement">The event to raise once the video is recorded (from the orchestration, so a retry raises the same one).</param>
public sealed record PublishVideoInput(VideoRequest Request, RenderCompleted Render, Webhooks.WebhookEventInput? Announcement = null);

/// <summary>A saved storyboard with the project's characters as its bible casts them.</summary>
public sealed record SavedStoryboard(Storyboard Storyboard, IReadOnlyList<Character> Characters);

/// <param name="Qc">The worker's self-check when the render failed it: kept on the task so the user sees which check failed.</param>
public sealed record RecordFailureInput(VideoRequest Request, TaskError Error, IReadOnlyDictionary<string, QualityCheck>? Qc = null);
