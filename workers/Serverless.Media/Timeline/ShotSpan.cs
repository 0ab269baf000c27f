namespace Serverless.Media.Timeline;

/// <summary>
/// Where one shot lands on the final timeline, in frames. <see cref="StartFrame"/> is where the shot starts to
/// appear (its incoming transition begins there); its clip runs <see cref="ClipFrames"/> frames, which is its
/// slot plus the outgoing transition during which it stays under the next shot.
/// </summary>
public sealed record ShotSpan(
    int Index,
    int StartFrame,
    int SlotFrames,
    int TransitionInFrames,
    int TransitionOutFrames)
{
    public int ClipFrames => SlotFrames + TransitionOutFrames;

    /// <summary>Frames of this shot shown alone: after its incoming blend, before its slot ends.</summary>
    public int BodyFrames => SlotFrames - TransitionInFrames;
}
