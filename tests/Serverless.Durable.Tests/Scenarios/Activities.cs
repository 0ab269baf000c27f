namespace Serverless.Durable.Tests.Scenarios;

public sealed class Double(ScenarioProbe probe) : TaskActivity<int, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, int input)
    {
        probe.Record($"{context.InstanceId}/double/{input}");
        return Task.FromResult(input * 2);
    }
}

public sealed class Echo : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}

public sealed class Length : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input.Length);
}

/// <summary>Fails as many times as the probe says for this instance, then succeeds.</summary>
public sealed class Flaky(ScenarioProbe probe) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input)
    {
        probe.Record($"{context.InstanceId}/flaky");
        var left = probe.FailuresLeft.AddOrUpdate(context.InstanceId, 0, (_, n) => n - 1);
        if (left >= 0)
        {
            throw new InvalidOperationException($"flaky failure, {left} left");
        }

        return Task.FromResult(input + "!");
    }
}

public sealed class Boom : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        throw new ArgumentOutOfRangeException(nameof(input), input, "boom");
}

/// <summary>Never finishes by itself: stands for a message that crashes every worker that takes it.</summary>
public sealed class Hang : TaskActivity<string, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, string input)
    {
        await Task.Delay(Timeout.InfiniteTimeSpan);
        return input;
    }
}
