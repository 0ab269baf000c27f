namespace Serverless.Testing.Ocr.Tests;

public sealed class OcrModelsTests
{
    [Fact]
    public void Finds_the_npm_models_from_the_test_output_folder()
    {
        var models = OcrModels.Locate();

        Assert.True(File.Exists(models.DetectionModel), models.DetectionModel);
        Assert.True(File.Exists(models.RecognitionModel), models.RecognitionModel);
        Assert.EndsWith(OcrModels.DictionaryFile, models.Dictionary, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_models_fail_with_the_setup_command_in_the_message()
    {
        var empty = Directory.CreateTempSubdirectory("no-ocr-models-");
        try
        {
            var error = Assert.Throws<OcrModelsNotFoundException>(() => OcrModels.InDirectory(empty.FullName));

            Assert.Contains("infra/local/dev.sh setup", error.Message, StringComparison.Ordinal);
            Assert.Contains(OcrModels.DetectionFile, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public void A_dictionary_that_does_not_match_the_model_is_rejected()
    {
        var keys = new[] { "a", "b", "c" };

        Assert.Equal(5, CharacterDictionary.Create(keys, 5).ClassCount);   // blank + 3 + space
        Assert.Equal(" ", CharacterDictionary.Create(keys, 5)[4]);
        Assert.Equal(4, CharacterDictionary.Create(keys, 4).ClassCount);   // no space class
        Assert.Throws<InvalidOperationException>(() => CharacterDictionary.Create(keys, 9));
    }
}
