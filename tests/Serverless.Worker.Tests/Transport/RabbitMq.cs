using System.Net.Sockets;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Serverless.Worker.Tests.Transport;

/// <summary>
/// The local RabbitMQ with its AMQP 1.0 plugin (infra/local/dev.sh broker). Its tests skip, saying why, when it is
/// not running on a developer's machine; under dev.sh test (SERVERLESS_REQUIRE_BROKER=1) or CI they run, and fail
/// if it is missing.
/// </summary>
public static class RabbitMq
{
    public const string Host = "127.0.0.1";
    public const int Port = 5672;
    public static readonly Uri Endpoint = new($"amqp://{Host}:{Port}");

    /// <summary>RabbitMQ's default user, which it accepts from the loopback interface only.</summary>
    public const string User = "guest";
    public const string Password = "guest";

    public static bool Required =>
        Environment.GetEnvironmentVariable("SERVERLESS_REQUIRE_BROKER") == "1" || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"));

    public static readonly Lazy<bool> Available = new(() =>
    {
        try
        {
            using var client = new TcpClient();
            return client.ConnectAsync(Host, Port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
        }
        catch (Exception exception) when (exception is SocketException or AggregateException)
        {
            return false;
        }
    });

    public static string? SkipReason => Available.Value || Required
        ? null
        : $"No AMQP 1.0 broker at {Host}:{Port}: start one with infra/local/dev.sh broker (dev.sh test starts it and requires it).";
}

/// <summary>Marks a test class that needs the local RabbitMQ.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class NeedsBrokerAttribute : Attribute;

/// <summary>
/// A case of a shared contract suite. It runs in every concrete class; in a class marked <see cref="NeedsBrokerAttribute"/>
/// it is skipped, with the reason, when the broker is absent and not required.
/// </summary>
[XunitTestCaseDiscoverer("Serverless.Worker.Tests.Transport.ContractFactDiscoverer", "Serverless.Worker.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute;

public sealed class ContractFactDiscoverer(IMessageSink diagnostics) : FactDiscoverer(diagnostics)
{
    private readonly IMessageSink _diagnostics = diagnostics;

    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var needsBroker = testMethod.TestClass.Class.GetCustomAttributes(typeof(NeedsBrokerAttribute)).Any();
        if (needsBroker && RabbitMq.SkipReason is { } reason)
        {
            return [new XunitSkippedDataRowTestCase(_diagnostics, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)];
        }

        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
