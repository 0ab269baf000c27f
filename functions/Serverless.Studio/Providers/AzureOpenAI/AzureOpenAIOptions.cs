namespace Serverless.Studio.Providers.AzureOpenAI;

/// <summary>
/// Azure OpenAI for script analysis, shot images and speech (configuration section <c>AzureOpenAI</c>). Nothing here
/// is required: without an endpoint every capability stays on its offline provider, and a capability whose
/// deployment is empty stays offline too.
/// </summary>
public sealed class AzureOpenAIOptions
{
    public const string Section = "AzureOpenAI";

    /// <summary>App Service leaves a Key Vault reference as this literal text when it cannot resolve it.</summary>
    private const string UnresolvedKeyVaultReference = "@Microsoft.KeyVault(";

    /// <summary>The resource endpoint, e.g. https://studio.openai.azure.com/.</summary>
    public string? Endpoint { get; set; }

    /// <summary>Optional; when empty the app signs in with DefaultAzureCredential (managed identity in Azure).</summary>
    public string? ApiKey { get; set; }

    public string? ChatDeployment { get; set; }

    public string? ImageDeployment { get; set; }

    public string? SpeechDeployment { get; set; }

    /// <summary>A speech-recognition deployment (whisper, gpt-4o-transcribe) for footage transcripts with word times.</summary>
    public string? TranscriptionDeployment { get; set; }

    /// <summary>
    /// Longest piece of a footage's sound sent in one transcription request, cut in a silence before it; the service
    /// takes at most 25 MB a request, which 16 kHz 16-bit mono reaches at about 819 s.
    /// </summary>
    public double TranscriptionChunkSeconds { get; set; } = 600;

    /// <summary>Longest wait for one provider call, its SDK retries included, before the offline provider answers.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(90);

    /// <summary>Retries the SDK makes itself on 429 and 5xx (honouring retry-after) within <see cref="Timeout"/>.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>Failed calls, at least half of those in a minute, that open a capability's circuit.</summary>
    public int BreakAfterFailures { get; set; } = 5;

    /// <summary>How long an open circuit sends every call to the offline provider before trying Azure again.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Sends the line's emotion as TTS <c>instructions</c>; gpt-4o-mini-tts follows them, tts-1 deployments do not
    /// accept them, so turn this off for those (the emotion still sets the speaking speed).
    /// </summary>
    public bool SpeechInstructions { get; set; } = true;

    /// <summary>The API version for speech; text-to-speech is served only by preview versions of the Azure OpenAI API.</summary>
    public string SpeechApiVersion { get; set; } = "2025-03-01-preview";

    public string NarratorVoice { get; set; } = "alloy";

    public string[] FemaleVoices { get; set; } = ["nova", "shimmer"];

    public string[] MaleVoices { get; set; } = ["onyx", "echo"];

    /// <summary>Storyboards with more shots than this are not sent for analysis: the prompt would outgrow the model.</summary>
    public int MaxShotsToAnalyze { get; set; } = 80;

    /// <summary>The endpoint, or null when it is empty or an unresolved Key Vault reference.</summary>
    public Uri? EndpointUri => Usable(Endpoint) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;

    /// <summary>The API key, or null (use DefaultAzureCredential) when it is empty or an unresolved Key Vault reference.</summary>
    public string? UsableApiKey => Usable(ApiKey);

    public bool IsConfigured => Usable(Endpoint) is not null;

    public bool HasChat => IsConfigured && !string.IsNullOrWhiteSpace(ChatDeployment);

    public bool HasImages => IsConfigured && !string.IsNullOrWhiteSpace(ImageDeployment);

    public bool HasSpeech => IsConfigured && !string.IsNullOrWhiteSpace(SpeechDeployment);

    public bool HasTranscription => IsConfigured && !string.IsNullOrWhiteSpace(TranscriptionDeployment);

    public static bool IsUnresolvedKeyVaultReference(string? value) =>
        value is not null && value.TrimStart().StartsWith(UnresolvedKeyVaultReference, StringComparison.OrdinalIgnoreCase);

    private static string? Usable(string? value) =>
        string.IsNullOrWhiteSpace(value) || IsUnresolvedKeyVaultReference(value) ? null : value.Trim();
}
