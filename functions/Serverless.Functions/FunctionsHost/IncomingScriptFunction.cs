namespace Serverless.Functions.FunctionsHost;

/// <summary>
/// Blob trigger on <c>incoming/{name}</c> (Event Grid source). For now it only acknowledges the upload: starting a
/// video from the script (receipts, the sidecar options, per-user scoping) is issue 6's trigger work.
/// </summary>
public static class IncomingScriptFunction
{
    public static FunctionInvocationResult Handle(FunctionInvocation invocation, ILogger logger)
    {
        var name = invocation.MetadataText("name");
        if (string.IsNullOrEmpty(name))
        {
            throw new FunctionInvocationException("Metadata.name (the blob path under incoming/) is missing.");
        }

        var blob = $"incoming/{name}";
        logger.LogInformation("Script uploaded: {Blob}", blob);
        return FunctionInvocationResult.Done(blob, $"Received {blob}; videos from uploaded scripts are not started yet.");
    }
}
