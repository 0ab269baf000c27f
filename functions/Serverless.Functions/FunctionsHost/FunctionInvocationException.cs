namespace Serverless.Functions.FunctionsHost;

/// <summary>An invocation payload the handler cannot act on; answered 400 so the host records the function as failed.</summary>
public sealed class FunctionInvocationException(string message) : Exception(message);
