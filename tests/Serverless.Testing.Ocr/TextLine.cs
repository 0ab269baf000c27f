using SkiaSharp;

namespace Serverless.Testing.Ocr;

/// <summary>One detected line of text: what it says, where it is in the frame (pixels) and how sure the recognizer is (0..1).</summary>
public sealed record TextLine(string Text, SKRectI Box, float Confidence);
