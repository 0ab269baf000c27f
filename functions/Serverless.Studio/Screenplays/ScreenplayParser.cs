namespace Serverless.Studio.Screenplays;

/// <summary>
/// Turns script text in any supported format (<see cref="ScriptFormat"/>) into a <see cref="Screenplay"/>.
/// Never throws: whatever the input, the answer is a screenplay or one readable sentence why not.
/// </summary>
public static class ScreenplayParser
{
    /// <summary>About 300 pages of screenplay; beyond that the input is not a script for one video.</summary>
    public const int MaxLength = 1_000_000;

    internal const string InternalErrorPrefix = "The script could not be read:";

    public static ParseResult Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.All(c => char.IsWhiteSpace(c) || char.IsControl(c) || c == '\uFEFF'))
        {
            return ParseResult.Failure("The script is empty.");
        }

        if (text.Length > MaxLength)
        {
            return ParseResult.Failure($"The script is too long: {text.Length:N0} characters, the limit is {MaxLength:N0}.");
        }

        try
        {
            var lines = ScriptLines.Split(text);
            var format = ScriptFormatDetector.Detect(lines);
            var builder = new ScreenplayBuilder(format);
            if (format == ScriptFormat.Fountain)
            {
                FountainReader.Read(lines, builder);
            }
            else
            {
                LineScriptReader.Read(lines, format, builder);
            }

            var built = builder.Build();
            return built.Screenplay is { } screenplay ? ParseResult.Success(Characters.CharacterLooks.Resolve(screenplay)) : built;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A reader bug must not take the caller down with a 500; the property tests fail on this message.
            return ParseResult.Failure($"{InternalErrorPrefix} {e.Message}");
        }
    }
}
