using System.Collections.Concurrent;

namespace Serverless.Durable.Tests.Scenarios;

/// <summary>Shared with the scenario code through DI: records activity runs and lets tests steer behaviour.</summary>
public sealed class ScenarioProbe
{
    public ConcurrentDictionary<string, int> Runs { get; } = new();

    public ConcurrentDictionary<string, int> FailuresLeft { get; } = new();

    public ConcurrentQueue<string> Logs { get; } = new();

    public volatile bool TakeOtherBranch;

    public int Count(string key) => Runs.GetValueOrDefault(key);

    public void Record(string key) => Runs.AddOrUpdate(key, 1, (_, n) => n + 1);
}
