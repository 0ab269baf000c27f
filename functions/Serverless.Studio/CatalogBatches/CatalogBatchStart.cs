namespace Serverless.Studio.CatalogBatches;

/// <summary>
/// What a user asks a batch for: the template (required for new videos; a refresh keeps each product's own), which
/// products (a category and/or SKUs; none, all of them), the platform preset, and a quick preview render instead of the
/// deliverable; <see cref="ScriptSource"/> (<c>template</c> or <c>llm</c>) overrides the template's own.
/// </summary>
public sealed record CatalogBatchStart(string? TemplateId, CatalogBatchFilter? Filter, string? PlatformPreset, bool Preview = false, string? ScriptSource = null);

public sealed record CatalogBatchFilter(string? Category, IReadOnlyList<string>? Skus);
