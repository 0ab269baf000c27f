namespace Serverless.Durable;

public sealed record TaskOptions(RetryPolicy? Retry = null);
