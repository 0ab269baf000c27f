namespace Serverless.Studio.Screenplays;

/// <summary>
/// What <see cref="ScreenplayParser.Parse"/> made of a text: a screenplay, or one readable sentence
/// saying why there is none (the API answers it with 400, the CLI prints it and exits 1).
/// </summary>
public sealed record ParseResult(Screenplay? Screenplay, string? Error)
{
    public bool Succeeded => Screenplay is not null;

    internal static ParseResult Success(Screenplay screenplay) => new(screenplay, null);

    internal static ParseResult Failure(string error) => new(null, error);
}
