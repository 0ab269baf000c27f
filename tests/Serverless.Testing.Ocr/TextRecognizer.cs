using SkiaSharp;

namespace Serverless.Testing.Ocr;

/// <summary>PP-OCRv4 SVTR/CRNN recognition with CTC: reads the text of one cropped line.</summary>
internal sealed class TextRecognizer : IDisposable
{
    // PaddleOCR's rec_image_shape 3,48,320: lines are scaled to height 48 and padded to at least 320 wide.
    private const int DefaultHeight = 48;
    private const int MinWidth = 320;

    // v4 rec accepts any width; the cap only bounds memory for absurdly long crops (they get squeezed instead).
    private const int MaxWidth = 4096;

    private static readonly float[] Half = [0.5f, 0.5f, 0.5f];

    private readonly OnnxModel _model;
    private readonly CharacterDictionary _dictionary;
    private readonly int _height;

    public TextRecognizer(OnnxModel model, IReadOnlyList<string> keys)
    {
        _model = model;
        var declaredHeight = model.InputDimensions.Count == 4 ? model.InputDimensions[2] : -1;
        _height = declaredHeight > 0 ? declaredHeight : DefaultHeight;
        var declaredClasses = model.OutputDimensions.Count == 3 ? model.OutputDimensions[2] : -1;
        // PaddleOCR's Chinese models append a space class; assume so only if the model does not say.
        _dictionary = CharacterDictionary.Create(keys, declaredClasses > 0 ? declaredClasses : keys.Count + 2);
    }

    public (string Text, float Confidence) Recognize(SKImage image, SKRect box)
    {
        var ratio = box.Width / box.Height;
        var width = Math.Min((int)Math.Ceiling(_height * ratio), MaxWidth);
        var paddedWidth = Math.Max(width, MinWidth);
        // Zero after normalisation is mid-grey, which is what PaddleOCR pads with.
        var input = new float[3 * _height * paddedWidth];
        using (var resized = ImageTensor.Resample(image, box, width, _height))
        {
            ImageTensor.WriteBgrPlanes(resized, input, paddedWidth, _height, Half, Half);
        }

        return _model.Run(input, [1, 3, _height, paddedWidth], (probabilities, shape) =>
        {
            var steps = (int)shape[1];
            var classes = (int)shape[2];
            if (classes != _dictionary.ClassCount)
            {
                throw new InvalidOperationException(
                    $"Recognition output has {classes} classes; the dictionary has {_dictionary.ClassCount}.");
            }

            return CtcDecoder.Decode(probabilities, steps, classes, c => _dictionary[c]);
        });
    }

    public void Dispose() => _model.Dispose();
}
