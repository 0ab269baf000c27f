namespace Serverless.Studio.VideoTemplates;

/// <summary>
/// Why a template's text cannot be used, and where: <paramref name="Line"/> and <paramref name="Column"/> are 1-based,
/// the column counted in UTF-16 code units from the start of the line. <paramref name="Kind"/> is one of
/// <see cref="TemplateErrorKinds"/>, stable for clients.
/// </summary>
public sealed record TemplateError(string Kind, int Line, int Column, string Message);

/// <summary>The kinds of <see cref="TemplateError"/>, as the API names them.</summary>
public static class TemplateErrorKinds
{
    public const string UnknownVariable = "unknown_variable";
    public const string UnclosedBlock = "unclosed_block";
    public const string MismatchedBlock = "mismatched_block";
    public const string MalformedTag = "malformed_tag";
    public const string TooLong = "too_long";
}

/// <summary>A template's text did not parse; every error found is listed, in text order.</summary>
public sealed class TemplateSyntaxException(IReadOnlyList<TemplateError> errors)
    : Exception(errors.Count == 0 ? "The template is invalid." : $"line {errors[0].Line}, column {errors[0].Column}: {errors[0].Message}")
{
    public IReadOnlyList<TemplateError> Errors { get; } = errors;
}
