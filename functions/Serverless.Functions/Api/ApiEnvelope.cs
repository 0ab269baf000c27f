namespace Serverless.Functions.Api;

/// <summary>The one response shape of the API: <c>{code, message, data, timestamp, request_id}</c>, plus <c>error</c> on failures.</summary>
public sealed record ApiEnvelope(int Code, string Message, object? Data, DateTimeOffset Timestamp, string RequestId, ApiFieldError? Error = null);

/// <summary>
/// Which input was wrong and why; <paramref name="Line"/> is the script's 1-based line at fault, when one line is, and
/// <paramref name="Column"/> the 1-based column in it, when one place is (a template's tag).
/// </summary>
public sealed record ApiFieldError(string Field, string Reason, int? Line = null, int? Column = null);
