namespace Serverless.Studio.ProductCatalogs;

/// <summary>A file that cannot be imported at all (no header, a missing column, not a JSON array), with why.</summary>
public sealed class ImportFileException(string message) : Exception(message);
