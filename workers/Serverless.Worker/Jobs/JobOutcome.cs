namespace Serverless.Worker.Jobs;

/// <summary>What to do with the queue message once the handler is done with its job.</summary>
public enum JobOutcome
{
    /// <summary>The orchestration was told (success or a final failure): delete the message.</summary>
    Complete,

    /// <summary>Something transient failed: make the message visible again after a delay.</summary>
    Retry,
}
