namespace Serverless.Durable;

public sealed record TaskFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace, TaskFailureDetails? InnerFailure = null)
{
    public static TaskFailureDetails FromException(Exception exception) => new(
        exception.GetType().FullName ?? exception.GetType().Name,
        exception.Message,
        exception.StackTrace,
        exception.InnerException is { } inner ? FromException(inner) : null);

    /// <summary>True when this failure, or one it wraps, is of the given exception type.</summary>
    public bool IsCausedBy<TException>() where TException : Exception =>
        ErrorType == typeof(TException).FullName || (InnerFailure?.IsCausedBy<TException>() ?? false);

    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
