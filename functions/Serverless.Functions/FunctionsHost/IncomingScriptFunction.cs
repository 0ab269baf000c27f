using Serverless.Studio.Uploads;

namespace Serverless.Functions.FunctionsHost;

/// <summary>
/// Blob trigger on <c>incoming/{name}</c> (Event Grid source): hands the blob to the same handler the standalone
/// poller uses, and answers its receipt (null for an options sidecar or a blob already deleted).
/// </summary>
public static class IncomingScriptFunction
{
    public static async Task<FunctionInvocationResult> HandleAsync(FunctionInvocation invocation, IncomingScriptProcessor processor, ILogger logger, CancellationToken cancellationToken)
    {
        var name = invocation.MetadataText("name");
        if (string.IsNullOrEmpty(name) || name.Length > 1024)
        {
            throw new FunctionInvocationException("Metadata.name (the blob path under incoming/) is missing or too long.");
        }

        var receipt = await processor.ProcessAsync(name, cancellationToken);
        var blob = $"incoming/{name}";
        logger.LogInformation("Script uploaded: {Blob} ({Status})", blob, receipt?.Status.ToString() ?? "ignored");
        var summary = receipt is null
            ? $"{blob}: nothing to do (an options sidecar, or the blob is gone)."
            : $"{blob}: {receipt.Status}{(receipt.Error is null ? "" : ": " + receipt.Error)}";
        return FunctionInvocationResult.Done(
            receipt is null ? null : new { receipt.Id, Blob = blob, Status = receipt.Status.ToString(), receipt.TaskId, receipt.ErrorCode, receipt.Error },
            summary);
    }
}
