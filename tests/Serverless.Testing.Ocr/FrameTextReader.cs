using SkiaSharp;

namespace Serverless.Testing.Ocr;

/// <summary>
/// Reads Chinese and English text from a rendered frame with PaddleOCR v4 (DB detection + SVTR/CTC recognition).
/// Load once (a few hundred ms) and share: <see cref="Read(SKBitmap, SKRectI?)"/> is safe to call concurrently.
/// </summary>
public sealed class FrameTextReader : IDisposable
{
    /// <summary>Lines the recognizer is less sure of than this are dropped (PaddleOCR's drop_score).</summary>
    public const float MinimumConfidence = 0.5f;

    // Boxes whose tops differ by less than this many pixels are one row, read left to right (PaddleOCR sorted_boxes).
    private const int SameRowTolerance = 10;

    private readonly TextDetector _detector;
    private readonly TextRecognizer _recognizer;

    private FrameTextReader(TextDetector detector, TextRecognizer recognizer)
    {
        _detector = detector;
        _recognizer = recognizer;
    }

    /// <summary>Loads the models from <see cref="OcrModels.Locate"/>.</summary>
    public static FrameTextReader Load() => Load(OcrModels.Locate());

    public static FrameTextReader Load(OcrModels models)
    {
        ArgumentNullException.ThrowIfNull(models);
        var keys = CharacterDictionary.ReadKeys(models.Dictionary);
        var detection = new OnnxModel(models.DetectionModel);
        try
        {
            var recognition = new OnnxModel(models.RecognitionModel);
            try
            {
                return new FrameTextReader(
                    new TextDetector(detection, new DbPostprocessor()),
                    new TextRecognizer(recognition, keys));
            }
            catch
            {
                recognition.Dispose();
                throw;
            }
        }
        catch
        {
            detection.Dispose();
            throw;
        }
    }

    /// <summary>The confident lines in the image (or in <paramref name="region"/> of it), top to bottom, then left to right.</summary>
    public IReadOnlyList<TextLine> Read(SKBitmap image, SKRectI? region = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        var area = SKRectI.Intersect(region ?? new SKRectI(0, 0, image.Width, image.Height), new SKRectI(0, 0, image.Width, image.Height));
        if (area.Width < 1 || area.Height < 1)
        {
            return [];
        }

        using var frame = SKImage.FromBitmap(image);
        var lines = new List<TextLine>();
        foreach (var detected in _detector.Detect(frame, area))
        {
            var (text, confidence) = _recognizer.Recognize(frame, detected.Box);
            text = text.Trim();
            if (confidence >= MinimumConfidence && text.Length > 0)
            {
                lines.Add(new TextLine(text, SKRectI.Round(detected.Box), confidence));
            }
        }

        return InReadingOrder(lines);
    }

    /// <summary>Decodes an image file (PNG, JPEG ...) and reads it.</summary>
    public IReadOnlyList<TextLine> Read(string imagePath, SKRectI? region = null)
    {
        using var image = SKBitmap.Decode(imagePath)
            ?? throw new ArgumentException($"Not a decodable image: {imagePath}", nameof(imagePath));
        return Read(image, region);
    }

    /// <summary>All lines' text joined with '\n'; empty when nothing confident was read.</summary>
    public string ReadAll(SKBitmap image, SKRectI? region = null) =>
        string.Join('\n', Read(image, region).Select(l => l.Text));

    /// <inheritdoc cref="ReadAll(SKBitmap, SKRectI?)"/>
    public string ReadAll(string imagePath, SKRectI? region = null) =>
        string.Join('\n', Read(imagePath, region).Select(l => l.Text));

    internal static IReadOnlyList<TextLine> InReadingOrder(IEnumerable<TextLine> lines)
    {
        var ordered = new List<TextLine>();
        var row = new List<TextLine>();
        foreach (var line in lines.OrderBy(l => l.Box.Top).ThenBy(l => l.Box.Left))
        {
            if (row.Count > 0 && line.Box.Top - row[0].Box.Top >= SameRowTolerance)
            {
                ordered.AddRange(row.OrderBy(l => l.Box.Left));
                row.Clear();
            }

            row.Add(line);
        }

        ordered.AddRange(row.OrderBy(l => l.Box.Left));
        return ordered;
    }

    public void Dispose()
    {
        _detector.Dispose();
        _recognizer.Dispose();
    }
}
