using Serverless.Contracts.Rendering;

namespace Serverless.Worker.Jobs;

/// <summary>The rendered video failed a check that has no fix; the render fails with the reason and every check's figure.</summary>
public sealed class SelfCheckFailedException(string message, IReadOnlyDictionary<string, QualityCheck> checks) : Exception(message)
{
    public IReadOnlyDictionary<string, QualityCheck> Checks { get; } = checks;
}
