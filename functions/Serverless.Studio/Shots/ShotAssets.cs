using Serverless.Studio.Pipeline;
using Serverless.Studio.Screenplays;
using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Shots;

/// <summary>What a <see cref="ShotAssetsOrchestrator"/> makes for the saved storyboard's shots.</summary>
public enum ShotAssetKind
{
    /// <summary>A picture per shot, through <see cref="DrawShotActivity"/>.</summary>
    Images,

    /// <summary>A clip per spoken line, through <see cref="RecordVoiceActivity"/>.</summary>
    Voices,
}

/// <summary>
/// Input of <see cref="ShotAssetsOrchestrator"/>: the shots to draw or record and the project's cast, as they stood when
/// asked. The cast travels in the input rather than being read by a first activity, so the first picture is not held up
/// by one more trip through the task hub's queues.
/// </summary>
public sealed record ShotAssetsRequest(VideoRequest Request, ShotAssetKind Kind, IReadOnlyList<StoryboardShot> Shots, IReadOnlyList<Character> Cast);

/// <summary>Input of <see cref="RecordShotAssetsActivity"/>: what was made, to be written onto the saved storyboard.</summary>
public sealed record RecordShotAssetsInput(VideoRequest Request, IReadOnlyList<DrawnShot> Images, IReadOnlyList<VoiceClip> Voices);
