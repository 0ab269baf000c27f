using Microsoft.Extensions.Logging;

namespace Serverless.Durable.Tests.Scenarios;

public static class Scenario
{
    public static void RegisterAll(DurableTaskBuilder builder)
    {
        builder.AddActivity<Double>().AddActivity<Echo>().AddActivity<Length>().AddActivity<Flaky>().AddActivity<Boom>().AddActivity<Hang>();
        builder.AddOrchestrator<Chain>().AddOrchestrator<FanOut>().AddOrchestrator<Sleep>().AddOrchestrator<AwaitApproval>()
            .AddOrchestrator<LateListener>().AddOrchestrator<WaitForever>().AddOrchestrator<CatchFailure>().AddOrchestrator<Unhandled>()
            .AddOrchestrator<Retrying>().AddOrchestrator<RetryOnlyArgumentErrors>().AddOrchestrator<Parent>().AddOrchestrator<ParentOfFailure>()
            .AddOrchestrator<Counter>().AddOrchestrator<Guids>().AddOrchestrator<Fickle>().AddOrchestrator<BigPayload>()
            .AddOrchestrator<Loop>().AddOrchestrator<Stuck>().AddOrchestrator<ReplayLogging>().AddOrchestrator<CrashingEpisode>();
    }

    public static void LogWarningLine(this ILogger logger, string line) => logger.LogWarning("{Line}", line);
}
