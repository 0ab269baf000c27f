namespace Serverless.Studio.Providers.Records;

/// <summary>What a provider can be asked for, as the API names it.</summary>
public static class ProviderCapabilities
{
    public const string Chat = "chat";
    public const string Image = "image";
    public const string Speech = "speech";

    /// <summary>Speech recognition; served by the operator's deployment only, so not among the capabilities a user's record names.</summary>
    public const string Transcription = "transcription";

    public static readonly IReadOnlyList<string> All = [Chat, Image, Speech];
}

/// <summary>The wire formats a provider record may speak.</summary>
public static class ProviderKinds
{
    public const string AzureOpenAI = Fallback.ProviderNames.AzureOpenAI;

    /// <summary>OpenAI itself, DeepSeek, Qwen/DashScope and local servers of the same wire format.</summary>
    public const string OpenAICompatible = "openai-compatible";

    public static readonly IReadOnlyList<string> All = [AzureOpenAI, OpenAICompatible];
}
