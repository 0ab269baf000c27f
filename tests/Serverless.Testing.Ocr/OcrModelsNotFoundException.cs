namespace Serverless.Testing.Ocr;

/// <summary>The OCR models are not installed; the message says how to install them.</summary>
public sealed class OcrModelsNotFoundException(string message) : Exception(message);
