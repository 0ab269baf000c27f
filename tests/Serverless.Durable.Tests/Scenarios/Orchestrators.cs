namespace Serverless.Durable.Tests.Scenarios;

public sealed class Chain : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var value = 1;
        for (var i = 0; i < input; i++)
        {
            value = await context.CallActivityAsync<int>(nameof(Double), value);
        }

        return value;
    }
}

public sealed class FanOut : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var tasks = Enumerable.Range(1, input).Select(i => context.CallActivityAsync<int>(nameof(Double), i)).ToList();
        var results = await Task.WhenAll(tasks);
        return results.Sum();
    }
}

public sealed class Sleep : TaskOrchestrator<int, DateTime>
{
    public override async Task<DateTime> RunAsync(TaskOrchestrationContext context, int milliseconds)
    {
        await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(milliseconds), CancellationToken.None);
        return context.CurrentUtcDateTime;
    }
}

public sealed record Approval(string By, bool Approved);

public sealed class AwaitApproval : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int timeoutMs)
    {
        context.SetCustomStatus(new { stage = "waiting" });
        try
        {
            var approval = await context.WaitForExternalEvent<Approval>("approval", TimeSpan.FromMilliseconds(timeoutMs));
            context.SetCustomStatus(new { stage = "done" });
            return $"{approval.By}:{approval.Approved}";
        }
        catch (TimeoutException)
        {
            return "timed out";
        }
    }
}

/// <summary>Waits on a timer first, so an event raised right after the start arrives before the wait.</summary>
public sealed class LateListener : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int delayMs)
    {
        await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(delayMs), CancellationToken.None);
        var first = await context.WaitForExternalEvent<string>("note", TimeSpan.FromSeconds(30));
        var second = await context.WaitForExternalEvent<string>("note", TimeSpan.FromSeconds(30));
        return first + "+" + second;
    }
}

public sealed class WaitForever : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input) =>
        await context.WaitForExternalEvent<string>("never");
}

public sealed class CatchFailure : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            return await context.CallActivityAsync<string>(nameof(Boom), input);
        }
        catch (TaskFailedException e)
        {
            return $"{e.TaskName}|{e.FailureDetails.ErrorType}|{e.FailureDetails.ErrorMessage.Split('\n')[0]}";
        }
    }
}

public sealed class Unhandled : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        await context.CallActivityAsync<string>(nameof(Boom), input);
}

public sealed class Retrying : TaskOrchestrator<int, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, int attempts)
    {
        var policy = new RetryPolicy(attempts, TimeSpan.FromMilliseconds(100), 2.0, TimeSpan.FromMilliseconds(300));
        return await context.CallActivityAsync<string>(nameof(Flaky), "ok", new TaskOptions(policy));
    }
}

public sealed class RetryOnlyArgumentErrors : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var policy = new RetryPolicy(5, TimeSpan.FromMilliseconds(50)) { Handle = f => f.ErrorType == typeof(ArgumentException).FullName };
        return await context.CallActivityAsync<string>(nameof(Flaky), input, new TaskOptions(policy));
    }
}

public sealed class Parent : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var children = Enumerable.Range(1, input).Select(i => context.CallSubOrchestratorAsync<int>(nameof(Chain), i));
        var results = await Task.WhenAll(children);
        return results.Sum();
    }
}

public sealed class ParentOfFailure : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        try
        {
            return await context.CallSubOrchestratorAsync<string>(nameof(Unhandled), input);
        }
        catch (TaskFailedException e)
        {
            return $"child failed: {e.FailureDetails.InnerFailure?.ErrorType ?? e.FailureDetails.ErrorType}";
        }
    }
}

public sealed class Counter : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        var next = await context.CallActivityAsync<int>(nameof(Double), input);
        if (next < 100)
        {
            context.ContinueAsNew(next);
        }

        return next;
    }
}

public sealed class Guids : TaskOrchestrator<string?, string[]>
{
    public override async Task<string[]> RunAsync(TaskOrchestrationContext context, string? input)
    {
        var first = context.NewGuid().ToString();
        var echoed = await context.CallActivityAsync<string>(nameof(Echo), first);
        var second = context.NewGuid().ToString();
        var echoedSecond = await context.CallActivityAsync<string>(nameof(Echo), second);
        return [first, echoed, second, echoedSecond];
    }
}

/// <summary>Changes its decisions when the probe says so: the model of a code change under running instances.</summary>
public sealed class Fickle(ScenarioProbe probe) : TaskOrchestrator<string?, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        if (probe.TakeOtherBranch)
        {
            await context.CallActivityAsync<int>(nameof(Length), "changed");
        }
        else
        {
            await context.CallActivityAsync<string>(nameof(Echo), "original");
        }

        return await context.WaitForExternalEvent<string>("go");
    }
}

public sealed class BigPayload : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var echoed = await context.CallActivityAsync<string>(nameof(Echo), input);
        return echoed + "|" + echoed.Length;
    }
}

public sealed class Loop : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int input)
    {
        for (var i = 0; i < input; i++)
        {
            await context.CallActivityAsync<string>(nameof(Echo), "x");
        }

        return input;
    }
}

public sealed class Stuck : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        await context.CallActivityAsync<string>(nameof(Hang), input);
}

public sealed class ReplayLogging : TaskOrchestrator<string?, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, string? input)
    {
        var logger = context.CreateReplaySafeLogger("scenario");
        var replayedSteps = 0;
        for (var i = 0; i < 3; i++)
        {
            replayedSteps += context.IsReplaying ? 1 : 0;
            logger.LogWarningLine($"step {i}");
            await context.CallActivityAsync<string>(nameof(Echo), "x");
        }

        // The last episode replays all three steps before its new event completes the last call.
        return replayedSteps;
    }
}

/// <summary>Takes its whole episode down every time, as a host crash would: its message can never be processed.</summary>
public sealed class CrashingEpisode : TaskOrchestrator<string?, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string? input)
    {
        SynchronizationContext.Current!.Post(_ => throw new InvalidOperationException("episode crash"), null);
        return Task.FromResult("unreachable");
    }
}
