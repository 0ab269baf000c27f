namespace Serverless.Studio.Providers.Fallback;

/// <summary>The names results and usage records carry for who produced them.</summary>
public static class ProviderNames
{
    public const string AzureOpenAI = "azure-openai";

    /// <summary>Whatever offline provider is registered: the SkiaSharp frame renderer, espeak-ng/festival, the planner's rules.</summary>
    public const string Offline = "offline";

    /// <summary>A product's own picture from its catalog, shown instead of a drawn one.</summary>
    public const string Product = "product";
}
