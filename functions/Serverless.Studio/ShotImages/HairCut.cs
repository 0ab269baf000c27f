namespace Serverless.Studio.ShotImages;

/// <summary>The silhouette of a figure's hair; with the hair color it is what tells characters apart at a glance.</summary>
internal enum HairCut
{
    Short,
    Spiky,
    Parted,
    Long,
    Ponytail,
    Bob,
    TwinTails,
}
