namespace Serverless.Studio.Projects;

/// <summary>How a request on a user's project ended; the API turns each kind into its status code.</summary>
public enum OutcomeKind
{
    Ok,

    /// <summary>The resource does not exist or is another user's: the two are never told apart.</summary>
    NotFound,

    /// <summary>A field of the request is wrong (<see cref="Outcome{T}.Field"/> says which and why).</summary>
    Invalid,

    /// <summary>The request is well formed but the project is not in a state to accept it.</summary>
    Conflict,
}

/// <summary>A value, or why there is none.</summary>
public sealed record Outcome<T>(OutcomeKind Kind, T? Value, string? Field = null, string? Reason = null)
{
    /// <summary>For an invalid script: its 1-based line at fault, when one line is.</summary>
    public int? Line { get; init; }

    /// <summary>With <see cref="Line"/>: the 1-based column at fault (a template's tag).</summary>
    public int? Column { get; init; }

    public static Outcome<T> Ok(T value) => new(OutcomeKind.Ok, value);

    public static Outcome<T> NotFound() => new(OutcomeKind.NotFound, default);

    public static Outcome<T> Invalid(string field, string reason, int? line = null) => new(OutcomeKind.Invalid, default, field, reason) { Line = line };

    public static Outcome<T> Conflict(string reason) => new(OutcomeKind.Conflict, default, null, reason);
}
