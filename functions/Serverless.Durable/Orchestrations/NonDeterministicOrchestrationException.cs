namespace Serverless.Durable;

/// <summary>A replay made a different decision than the one recorded in history.</summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    public NonDeterministicOrchestrationException(string message)
        : base(message)
    {
    }

    public NonDeterministicOrchestrationException()
    {
    }

    public NonDeterministicOrchestrationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
