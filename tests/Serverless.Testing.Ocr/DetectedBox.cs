using SkiaSharp;

namespace Serverless.Testing.Ocr;

/// <summary>A text region found by the detector and its mean text probability.</summary>
internal readonly record struct DetectedBox(SKRect Box, float Score);
