using Microsoft.Extensions.DependencyInjection;

namespace Serverless.Studio.Footage;

public static class FootageServiceCollectionExtensions
{
    /// <summary>Uploaded footage, its highlights and clips; options checked at start.</summary>
    public static IServiceCollection AddFootage(this IServiceCollection services)
    {
        services.AddOptions<FootageOptions>().BindConfiguration(FootageOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<HighlightOptions>().BindConfiguration(HighlightOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MinSeconds < o.MaxSeconds, "Footage:Highlights:MinSeconds must be under MaxSeconds.")
            .Validate(o => o.DefaultCount <= o.MaxCount, "Footage:Highlights:DefaultCount must be at most MaxCount.")
            .ValidateOnStart();
        services.AddOptions<HighlightJudgeOptions>().BindConfiguration(HighlightJudgeOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.MaxCharactersPerCandidate <= o.MaxCharacters, "Footage:Highlights:Judge:MaxCharactersPerCandidate must be at most MaxCharacters.")
            .ValidateOnStart();
        services.AddSingleton<FootageStore>();
        services.AddSingleton<FootagePlanLimits>();
        services.AddSingleton<HighlightPicker>();
        services.AddSingleton<HighlightJudge>();
        services.AddSingleton<FootageTranscription>();
        services.AddSingleton<FootageService>();
        services.AddSingleton<ClipSpans>();
        services.AddSingleton<FootageClips>();
        services.AddSingleton<FootagePreviews>();
        services.AddSingleton<IncomingFootageProcessor>();
        return services;
    }
}
