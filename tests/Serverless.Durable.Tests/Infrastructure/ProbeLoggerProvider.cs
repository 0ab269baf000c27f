using Microsoft.Extensions.Logging;
using Serverless.Durable.Tests.Scenarios;

namespace Serverless.Durable.Tests.Infrastructure;

/// <summary>Captures what scenario code logs under the "scenario" category.</summary>
public sealed class ProbeLoggerProvider(ScenarioProbe probe) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => categoryName == "scenario" ? new ProbeLogger(probe) : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public void Dispose()
    {
    }

    private sealed class ProbeLogger(ScenarioProbe probe) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            probe.Logs.Enqueue(formatter(state, exception));
    }
}
