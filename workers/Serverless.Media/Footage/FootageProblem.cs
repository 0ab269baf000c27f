namespace Serverless.Media.Footage;

/// <summary>Why a footage cannot be analysed: the user's file, not the worker, is at fault.</summary>
public enum FootageProblem
{
    NotVideo,
    NoAudio,
    TooLong,
    TooLarge,
}

/// <summary>A footage refused for <see cref="Problem"/>; the message says what was found, in words a user understands.</summary>
public sealed class FootageRefusedException(FootageProblem problem, string message) : Exception(message)
{
    public FootageProblem Problem { get; } = problem;
}
