using System.ComponentModel.DataAnnotations;

namespace Serverless.Worker.Speech;

/// <summary>Speech detection in voice clips. Bound from the "Speech" section and validated at start.</summary>
public sealed class SpeechOptions
{
    public const string Section = "Speech";

    /// <summary>Time subtitles to the detected speech and trim each clip's leading and trailing silence.</summary>
    public bool TrimSilence { get; set; } = true;

    /// <summary>A local silero_vad_v5.onnx; empty means the model <see cref="VadModel"/> from Inference:ModelsContainer.</summary>
    public string VadModelPath { get; set; } = "";

    /// <summary>The VAD's model name in the models container (<c>{name}.onnx</c>, as every model the worker loads).</summary>
    [Required]
    [RegularExpression("^[a-z0-9][a-z0-9._-]{0,99}$", ErrorMessage = "Speech:VadModel must be a model name (lower-case letters, digits, '.', '_' and '-').")]
    public string VadModel { get; set; } = "silero_vad_v5";
}
