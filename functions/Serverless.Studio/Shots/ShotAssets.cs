using Serverless.Studio.Pipeline;
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

/// <summary>Input of <see cref="ShotAssetsOrchestrator"/>: the shots to draw or record, as they stood when asked.</summary>
public sealed record ShotAssetsRequest(VideoRequest Request, ShotAssetKind Kind, IReadOnlyList<StoryboardShot> Shots);

/// <summary>Input of <see cref="RecordShotAssetsActivity"/>: what was made, to be written onto the saved storyboard.</summary>
public sealed record RecordShotAssetsInput(VideoRequest Request, IReadOnlyList<DrawnShot> Images, IReadOnlyList<VoiceClip> Voices);
