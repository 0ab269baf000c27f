namespace Serverless.Studio.Tests.Screenplays;

/// <summary>Tests that assert on elapsed time run in this collection, after and apart from all others.</summary>
[CollectionDefinition(nameof(TimingSensitive), DisableParallelization = true)]
public sealed class TimingSensitive;
