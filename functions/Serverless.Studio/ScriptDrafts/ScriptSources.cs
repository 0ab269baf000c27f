namespace Serverless.Studio.ScriptDrafts;

/// <summary>
/// Where a product video's script comes from: the template filled offline (the default), or a chat model writing it from
/// the product and the template's voice (falling back to the fill when no model answers with a usable script).
/// </summary>
public static class ScriptSources
{
    public const string Template = "template";
    public const string Llm = "llm";

    public static IReadOnlyList<string> All { get; } = [Template, Llm];

    /// <summary>The source named by <paramref name="value"/> (any case), or null when it names none.</summary>
    public static string? Find(string? value) => All.FirstOrDefault(s => s.Equals(value?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>
/// A written script and where it came from: <see cref="Source"/> is what was used, <see cref="Model"/> and
/// <see cref="Provider"/> the chat model that wrote it, <see cref="Reason"/> why an LLM script was asked for but the
/// template fill used instead.
/// </summary>
public sealed record ScriptDraft(string Script, string Source, string? Model = null, string? Provider = null, string? Reason = null);
