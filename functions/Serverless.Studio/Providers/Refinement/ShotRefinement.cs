using Serverless.Studio.Storyboards;

namespace Serverless.Studio.Providers.Refinement;

/// <summary>A script analyser's revision of one shot: its framing and its image prompt.</summary>
public sealed record ShotRefinement(string ShotId, ShotFraming Framing, string ImagePrompt);
