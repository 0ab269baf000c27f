using System.ComponentModel.DataAnnotations;

namespace Serverless.Worker.Speech;

/// <summary>Speech detection in voice clips. Bound from the "Speech" section and validated at start.</summary>
public sealed class SpeechOptions
{
    public const string Section = "Speech";

    /// <summary>Time subtitles to the detected speech and trim each clip's leading and trailing silence.</summary>
    public bool TrimSilence { get; set; } = true;

    /// <summary>A local silero_vad_v5.onnx; empty means fetch <see cref="VadModel"/> from <see cref="ModelsContainer"/> once.</summary>
    public string VadModelPath { get; set; } = "";

    [Required]
    [RegularExpression("^[a-z0-9]([a-z0-9-]{1,61})[a-z0-9]$", ErrorMessage = "Speech:ModelsContainer must be a valid container name.")]
    public string ModelsContainer { get; set; } = "models";

    [Required]
    [RegularExpression("^[A-Za-z0-9._/-]{1,200}$", ErrorMessage = "Speech:VadModel must be a plain blob name.")]
    public string VadModel { get; set; } = "silero_vad_v5.onnx";
}
